using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Scheduling.Filters;

/// <summary>Nova's CoreFilter: claimed vCPUs plus the request stay within total vCPUs times <c>CpuAllocationRatio</c>.</summary>
public sealed class CoreFilter : IHostFilter
{
    public string Name => "CoreFilter";

    public bool Passes(HostUsage usage, Resources request) =>
        usage.CapacityKnown && usage.Used.Vcpus + request.Vcpus <= usage.Limits.Vcpus;
}
