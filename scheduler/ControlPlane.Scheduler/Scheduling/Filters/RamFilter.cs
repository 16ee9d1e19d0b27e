using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Scheduling.Filters;

/// <summary>Nova's RamFilter: claimed RAM plus the request stays within total RAM times <c>RamAllocationRatio</c>.</summary>
public sealed class RamFilter : IHostFilter
{
    public string Name => "RamFilter";

    public bool Passes(HostUsage usage, Resources request) =>
        usage.CapacityKnown && usage.Used.MemoryMb + request.MemoryMb <= usage.Limits.MemoryMb;
}
