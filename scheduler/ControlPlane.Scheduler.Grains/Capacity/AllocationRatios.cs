using ControlPlane.Scheduler.Grains.Options;

namespace ControlPlane.Scheduler.Grains.Capacity;

/// <summary>Overcommit ratios applied to a host's physical totals to get its schedulable limits.</summary>
public sealed record AllocationRatios(double Ram, double Cpu, double Disk)
{
    /// <summary>The ratios configured in <paramref name="options"/>.</summary>
    public static AllocationRatios From(SchedulerOptions options) =>
        new(options.RamAllocationRatio, options.CpuAllocationRatio, options.DiskAllocationRatio);

    /// <summary>
    /// The schedulable limits of a host with <paramref name="totals"/>: each total times its ratio,
    /// rounded down (Nova compares <c>total * ratio - used</c> with the request).
    /// </summary>
    public Resources LimitsFor(Resources totals) => new(
        (long)Math.Floor(totals.MemoryMb * Ram),
        (int)Math.Min(int.MaxValue, Math.Floor(totals.Vcpus * Cpu)),
        (long)Math.Floor(totals.DiskMb * Disk));
}
