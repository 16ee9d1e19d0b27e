using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Instances;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Scheduling;
// Orleans' implicit usings also bring an Orleans.Runtime.RequestContext.
using RequestContext = ControlPlane.Domain.Context.RequestContext;

namespace ControlPlane.Scheduler.Conductor;

/// <summary>
/// The unshelve flow of the conductor role (Nova's <c>conductor/manager.py unshelve_instance</c>): a shelved instance
/// still on its host is unshelved there; an offloaded one is scheduled and claimed like a boot (on the requested host
/// only, when an admin named one), the placement recorded by compare-and-set, then <c>UnshelveInstance</c> is cast to
/// the host with the shelved image. No valid host: it stays shelved_offloaded, task none, with a fault. A redelivery
/// after the placement was recorded re-sends the cast (the compute's steps are idempotent).
/// </summary>
public sealed class UnshelveManager(
    BuildStateStore reader,
    UnshelveStateStore store,
    SchedulerService scheduler,
    IComputeServiceSource services,
    ComputeRpcClient compute,
    TimeProvider timeProvider,
    ILogger<UnshelveManager> logger)
{
    /// <summary>Unshelves instance <paramref name="instanceId"/>, on <paramref name="requestedHost"/> only when given.</summary>
    public async Task UnshelveAsync(Guid instanceId, string? requestedHost, CancellationToken ct)
    {
        var row = await reader.GetAsync(instanceId, ct);
        if (row is null || row.Deleted || row.TaskState != TaskState.Unshelving)
        {
            ConductorLog.UnshelveDropped(logger, instanceId, row is null || row.Deleted ? "deleted" : $"{row.VmState}/{row.TaskState ?? "none"}");
            return;
        }
        if (ShelvedMetadata.ImageId(row.SystemMetadataJson) is not { } imageId)
        {
            ConductorLog.UnshelveDropped(logger, instanceId, "no shelved image is recorded");
            await store.FailAsync(instanceId, new InstanceFault { Code = 500, Message = "The shelved image of the instance is not recorded." },
                Event(InstanceEvent.Error, null, timeProvider.GetUtcNow()), ct);
            return;
        }
        if (row.Host is { } host)
        {
            if (row.VmState == VmState.ShelvedOffloaded)
            {
                // Redelivery after the placement was recorded: the claim may predate a grain reactivation.
                await scheduler.EnsureClaimAsync(host, row.Id, row.Flavor.ToResources());
            }
            await CastAsync(row, host, imageId, ct);
            return;
        }

        var started = timeProvider.GetUtcNow();
        var excluded = requestedHost is null
            ? []
            : (await services.ListComputeServicesAsync(ct)).Select(s => s.Host).Where(h => h != requestedHost).ToList();
        var request = row.Flavor.ToResources();
        var chosen = await scheduler.SelectAndClaimAsync(row.Id, request, excluded, ct);
        if (chosen is null)
        {
            var recorded = await store.FailAsync(row.Id, BuildFaults.NoValidHost(), Event(InstanceEvent.Error, null, started), ct);
            ConductorLog.UnshelveNoValidHost(logger, row.Id, recorded);
            return;
        }
        if (!await store.AssignHostAsync(row.Id, chosen, Event(InstanceEvent.Success, chosen, started), ct))
        {
            var current = await reader.GetAsync(row.Id, ct);
            if (current is null || current.Deleted || current.Host != chosen)
            {
                await scheduler.ReleaseAsync(chosen, row.Id);
            }
            ConductorLog.PlacementLost(logger, row.Id, chosen, current?.Host);
            return;
        }
        await scheduler.EnsureClaimAsync(chosen, row.Id, request);
        await CastAsync(row with { Host = chosen }, chosen, imageId, ct);
    }

    private async Task CastAsync(InstanceRecord row, string host, Guid imageId, CancellationToken ct)
    {
        await compute.UnshelveInstanceAsync(host, new UnshelveInstance { Instance = InstanceSpecMapper.ToSpec(row), ImageId = imageId.ToString("D") }, ct);
        ConductorLog.UnshelveCast(logger, row.Id, host, imageId);
    }

    private InstanceEvent Event(string result, string? host, DateTimeOffset started) =>
        new(UnshelveStateStore.ScheduleEvent, result, host, RequestContext.Current ?? RequestContext.NewId(), started, timeProvider.GetUtcNow());
}
