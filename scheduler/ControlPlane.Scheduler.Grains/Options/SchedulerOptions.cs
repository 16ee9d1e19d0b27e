namespace ControlPlane.Scheduler.Grains.Options;

/// <summary>
/// Options of the scheduler tier (configuration section <c>Scheduler</c>), shared by every
/// scheduler replica: the same values must be configured on all of them, because each host grain
/// applies the ratios of the silo it happens to be activated on.
/// </summary>
public sealed class SchedulerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Scheduler";

    /// <summary>
    /// Virtual RAM to physical RAM ratio (Nova <c>ram_allocation_ratio</c>). Default <c>1.5</c>:
    /// a host with 1000 MB accepts flavors totalling 1500 MB. Range 0.1-100.
    /// </summary>
    public double RamAllocationRatio { get; set; } = 1.5;

    /// <summary>Virtual to physical CPU ratio (Nova <c>cpu_allocation_ratio</c>). Default <c>16</c>. Range 0.1-1000.</summary>
    public double CpuAllocationRatio { get; set; } = 16.0;

    /// <summary>Virtual to physical disk ratio (Nova <c>disk_allocation_ratio</c>). Default <c>1.0</c>. Range 0.1-100.</summary>
    public double DiskAllocationRatio { get; set; } = 1.0;

    /// <summary>
    /// Seconds without a service report after which a compute host is considered down
    /// (Nova <c>service_down_time</c>). Default <c>60</c>. A down host gets no new instances and
    /// the reaper reschedules the builds stuck on it. Range 1-86400.
    /// </summary>
    public int ServiceDownTimeSeconds { get; set; } = 60;

    /// <summary>
    /// Build attempts per instance, the first one included (Nova <c>scheduler_max_attempts</c>).
    /// Default <c>3</c>. After the last failed attempt the instance goes to ERROR. Range 1-100.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Seconds between two runs of the build reaper, which finds instances building on a host whose
    /// service is down and treats them as a retryable build failure on that host. Default <c>10</c>.
    /// Range 1-3600.
    /// </summary>
    public int ReaperIntervalSeconds { get; set; } = 10;

    /// <summary>Most instances the reaper takes per run (each replica takes different rows). Default <c>100</c>.</summary>
    public int ReaperBatchSize { get; set; } = 100;

    /// <summary>
    /// TCP port of the HTTP/2-only (h2c) endpoint serving <c>controlplane.scheduler.v1.Scheduler</c>,
    /// bound to 127.0.0.1. Default <c>8791</c>. Health and metrics stay on the <c>--urls</c> endpoint.
    /// Range 1-65535.
    /// </summary>
    public int GrpcPort { get; set; } = 8791;

    /// <summary>
    /// Nova's <c>allow_resize_to_same_host</c>: when false (the default) a resize or cold migration never picks the
    /// instance's own host, so with one compute host it is refused with "No valid host".
    /// </summary>
    public bool AllowResizeToSameHost { get; set; }

    /// <summary>
    /// Nova's <c>resize_confirm_window</c> in seconds: resizes left in VERIFY_RESIZE longer than this are confirmed
    /// by the conductor. Default <c>0</c> = off. Range 0-2592000 (30 days).
    /// </summary>
    public int ResizeConfirmWindowSeconds { get; set; }

    /// <summary>How long a service may stay silent before it is considered down.</summary>
    public TimeSpan ServiceDownTime => TimeSpan.FromSeconds(ServiceDownTimeSeconds);
}
