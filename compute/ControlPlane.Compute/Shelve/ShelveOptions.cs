namespace ControlPlane.Compute.Shelve;

/// <summary>Options of shelve on a compute host (section <c>Compute:Shelve</c>).</summary>
public sealed class ShelveOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Compute:Shelve";

    /// <summary>Seconds a shelved instance stays on its host before it is offloaded (Nova's <c>shelved_offload_time</c>):
    /// 0 (default) = offload as part of the shelve, -1 = never, a positive value = the periodic task offloads it later.</summary>
    public int ShelvedOffloadTime { get; set; }

    /// <summary>How often shelved instances are checked for offloading when <see cref="ShelvedOffloadTime"/> is positive
    /// (Nova's <c>shelved_poll_interval</c>). Default 1 hour; 1 second to 1 day.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>True when a shelve offloads at once.</summary>
    public bool OffloadsAtOnce => ShelvedOffloadTime == 0;
}
