using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Scheduling;

namespace ControlPlane.Scheduler.Conductor;

/// <summary>What compute hosts report about themselves (heartbeat + capacity), and what they ask at start.</summary>
public sealed class HostReportManager(ServiceStore services, BuildStateStore instances, SchedulerService scheduler, ILogger<HostReportManager> logger)
{
    /// <summary>Records the report (capacity and driver features) and gives the host grain the new physical totals.</summary>
    public async Task RecordReportAsync(string host, string binary, ComputeCapacity capacity, IReadOnlyList<string> driverFeatures, CancellationToken ct)
    {
        var name = string.IsNullOrEmpty(binary) ? ComputeService.Binary : binary;
        await services.RecordReportAsync(host, name, capacity, driverFeatures, ct);
        await scheduler.UpdateCapacityAsync(host, Resources.ForHost(capacity.MemoryMb, capacity.Vcpus, capacity.LocalGb));
        ConductorLog.ServiceReported(logger, host, name, capacity.MemoryMb, capacity.Vcpus, capacity.LocalGb);
    }

    /// <summary>The non-deleted instances placed on <paramref name="host"/>, as specs.</summary>
    public async Task<HostInstances> GetHostInstancesAsync(string host, CancellationToken ct)
    {
        var reply = new HostInstances();
        reply.Instances.AddRange((await instances.ListOnHostAsync(host, ct)).Select(InstanceSpecMapper.ToSpec));
        return reply;
    }
}
