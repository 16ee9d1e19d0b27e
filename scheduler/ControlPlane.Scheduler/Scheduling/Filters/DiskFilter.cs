using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Scheduling.Filters;

/// <summary>
/// Nova's DiskFilter: claimed disk plus the request (root + ephemeral GB as MB, plus swap MB) stays
/// within total local disk times <c>DiskAllocationRatio</c>.
/// </summary>
public sealed class DiskFilter : IHostFilter
{
    public string Name => "DiskFilter";

    public bool Passes(HostUsage usage, Resources request) =>
        usage.CapacityKnown && usage.Used.DiskMb + request.DiskMb <= usage.Limits.DiskMb;
}
