namespace ControlPlane.Compute.Rescue;

/// <summary>Options of rescue on a compute host (section <c>Compute:Rescue</c>).</summary>
public sealed class RescueOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Compute:Rescue";

    /// <summary>Instances rescued for longer than this are unrescued automatically (Nova's <c>rescue_timeout</c>).
    /// Default 0 = never; at most 30 days.</summary>
    public TimeSpan RescueTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>How often the rescue timeout is checked (Nova's periodic task spacing). Default 60 s; 1 s to 1 hour.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a rescue waits for the guest's clean shutdown before forcing the power off (Nova's
    /// <c>shutdown_timeout</c>). Default 60 s; zero = hard at once; at most 1 hour.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
