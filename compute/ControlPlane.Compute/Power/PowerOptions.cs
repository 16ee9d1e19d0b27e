namespace ControlPlane.Compute.Power;

/// <summary>Options of stop, start and reboot on a compute host (section <c>Compute:Power</c>).</summary>
public sealed class PowerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Compute:Power";

    /// <summary>How long a stop waits for the guest's clean shutdown before forcing the power off
    /// (Nova's <c>shutdown_timeout</c>). Default 60 s; zero = power off hard at once; at most 1 hour.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
