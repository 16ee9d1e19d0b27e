using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Scheduling;
// Orleans' implicit usings also bring an Orleans.Runtime.RequestContext.
using RequestContext = ControlPlane.Domain.Context.RequestContext;

namespace ControlPlane.Scheduler.Conductor;

/// <summary>
/// Applies the state changes compute hosts report. Stale reports (wrong host, unexpected task
/// state, deleted instance) are dropped, not retried: they lost a race that the database settled.
/// A finished delete releases the instance's claim on its host, and ends a resize in progress (the other host's claim
/// and copy go too); a shelve offload (the instance leaves its host) releases the claim as well.
/// </summary>
public sealed class InstanceUpdateManager(InstanceUpdateStore store, SchedulerService scheduler, Resize.ResizeFlow resize, ILogger<InstanceUpdateManager> logger)
{
    /// <summary>Applies <paramref name="update"/> and returns what happened.</summary>
    public async Task<InstanceUpdateOutcome> ApplyAsync(Guid instanceId, InstanceUpdate update, CancellationToken ct)
    {
        var (outcome, host) = await store.ApplyAsync(instanceId, update, RequestContext.Current ?? RequestContext.NewId(), ct);
        if ((outcome == InstanceUpdateOutcome.Deleted || (outcome == InstanceUpdateOutcome.Applied && update.Offloaded)) && host is not null)
        {
            await scheduler.ReleaseAsync(host, instanceId);
            await resize.CleanUpDeletedAsync(instanceId, host, ct);
        }
        ConductorLog.InstanceUpdate(logger, instanceId, update.Host, outcome);
        return outcome;
    }
}
