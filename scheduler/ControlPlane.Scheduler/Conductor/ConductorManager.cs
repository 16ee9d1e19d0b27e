using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Grains.Options;
using ControlPlane.Scheduler.Scheduling;
using Microsoft.Extensions.Options;
// Orleans' implicit usings also bring an Orleans.Runtime.RequestContext.
using RequestContext = ControlPlane.Domain.Context.RequestContext;

namespace ControlPlane.Scheduler.Conductor;

/// <summary>
/// The build flow of the conductor role: schedule and claim, record the placement, cast the build to
/// the host; on a failed build release the claim and reschedule or end in ERROR. Every step is
/// decided from the instance row and written as a compare-and-set, so a redelivered message, or two
/// replicas handling the same instance, converge on one placement and never leak a claim.
/// </summary>
public sealed class ConductorManager(
    BuildStateStore store,
    StuckBuildStore stuck,
    SchedulerService scheduler,
    ComputeRpcClient compute,
    IOptions<SchedulerOptions> options,
    TimeProvider timeProvider,
    ILogger<ConductorManager> logger) : IStuckBuildSweeper
{
    /// <summary>Schedules and builds an instance waiting in building/scheduling; re-sends the cast if it already has a host.</summary>
    public async Task BuildAsync(Guid instanceId, CancellationToken ct)
    {
        var row = await store.GetAsync(instanceId, ct);
        if (row is null || row.Deleted)
        {
            ConductorLog.BuildDropped(logger, instanceId, "the instance is deleted or unknown");
            return;
        }
        if (row.VmState != VmState.Building || row.TaskState != TaskState.Scheduling)
        {
            ConductorLog.BuildDropped(logger, instanceId, $"it is {row.VmState}/{row.TaskState ?? "none"}");
            return;
        }
        if (row.Host is { } host)
        {
            // Redelivery after the placement was committed: the cast may not have gone out.
            await scheduler.EnsureClaimAsync(host, row.Id, row.Flavor.ToResources());
            ConductorLog.BuildResent(logger, instanceId, host, row.Attempts);
            await CastBuildAsync(row, ct);
            return;
        }
        await ScheduleAsync(row, ct);
    }

    /// <summary>Handles a build failure reported for <paramref name="failedHost"/>.</summary>
    public async Task BuildFailedAsync(Guid instanceId, string failedHost, InstanceFault? fault, bool retryable, CancellationToken ct)
    {
        var row = await store.GetAsync(instanceId, ct);
        if (row is null || row.Deleted)
        {
            await scheduler.ReleaseAsync(failedHost, instanceId);
            return;
        }
        if (row.Host == failedHost && row.VmState == VmState.Building)
        {
            var decision = RescheduleDecision.Decide(row.Attempts, options.Value.MaxAttempts, retryable);
            var started = timeProvider.GetUtcNow();
            var settled = decision == BuildDecision.Reschedule
                ? await store.DetachForRescheduleAsync(instanceId, failedHost, ct)
                : await store.FailBuildAsync(instanceId, failedHost, ErrorFault(instanceId, decision, BuildFaults.FromHost(fault, failedHost)),
                    Event(InstanceEvent.Error, failedHost, started), ct);
            await scheduler.ReleaseAsync(failedHost, instanceId);
            ConductorLog.BuildFailed(logger, instanceId, failedHost, row.Attempts, decision, settled);
            if (settled && decision == BuildDecision.Reschedule)
            {
                await BuildAsync(instanceId, ct);
            }
            return;
        }
        if (row.Host != failedHost)
        {
            // A report about a superseded attempt (or a redelivery after the reschedule was recorded).
            await scheduler.ReleaseAsync(failedHost, instanceId);
        }
        if (row.Host is null && row.VmState == VmState.Building && row.TaskState == TaskState.Scheduling)
        {
            await BuildAsync(instanceId, ct);
        }
    }

    /// <summary>
    /// Settles builds stuck on hosts whose service stopped reporting (retryable failures on that
    /// host); returns how many were settled by this replica.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = timeProvider.GetUtcNow();
        var downTime = options.Value.ServiceDownTime;
        var decisions = new Dictionary<Guid, BuildDecision>();
        var settled = await stuck.SettleAsync(now - downTime, options.Value.ReaperBatchSize, async (connection, tx, build) =>
        {
            if (!BuildReaperPolicy.IsStuck(build, now, downTime))
            {
                return false;
            }
            var decision = RescheduleDecision.Decide(build.Attempts, options.Value.MaxAttempts, retryable: true);
            decisions[build.InstanceId] = decision;
            return decision == BuildDecision.Reschedule
                ? await store.DetachForRescheduleAsync(connection, tx, build.InstanceId, build.Host, ct)
                : await store.FailBuildAsync(connection, tx, build.InstanceId, build.Host,
                    ErrorFault(build.InstanceId, decision, BuildFaults.HostDown(build.Host, build.LastSeenAt)),
                    Event(InstanceEvent.Error, build.Host, now), ct);
        }, ct);

        foreach (var build in settled)
        {
            await scheduler.ReleaseAsync(build.Host, build.InstanceId);
            ConductorLog.BuildReaped(logger, build.InstanceId, build.Host, decisions[build.InstanceId]);
            if (decisions[build.InstanceId] == BuildDecision.Reschedule)
            {
                await BuildAsync(build.InstanceId, ct);
            }
        }
        return settled.Count;
    }

    private async Task ScheduleAsync(InstanceRecord row, CancellationToken ct)
    {
        var started = timeProvider.GetUtcNow();
        if (row.Attempts >= options.Value.MaxAttempts)
        {
            var exhausted = BuildFaults.AttemptsExhausted(row.Id, options.Value.MaxAttempts, null);
            await store.FailBuildAsync(row.Id, null, exhausted, Event(InstanceEvent.Error, null, started), ct);
            return;
        }
        var request = row.Flavor.ToResources();
        var host = await scheduler.SelectAndClaimAsync(row.Id, request, row.TriedHosts, ct);
        if (host is null)
        {
            var failed = await store.FailBuildAsync(row.Id, null, BuildFaults.NoValidHost(), Event(InstanceEvent.Error, null, started), ct);
            ConductorLog.NoValidHost(logger, row.Id, row.Attempts, failed);
            return;
        }
        if (!await store.AssignHostAsync(row.Id, host, Event(InstanceEvent.Success, host, started), ct))
        {
            var current = await store.GetAsync(row.Id, ct);
            if (current is null || current.Deleted || current.Host != host)
            {
                await scheduler.ReleaseAsync(host, row.Id);
            }
            ConductorLog.PlacementLost(logger, row.Id, host, current?.Host);
            return;
        }
        // The grain may have been reactivated between the claim and the commit: make sure it counts this placement.
        await scheduler.EnsureClaimAsync(host, row.Id, request);
        await CastBuildAsync(row with { Host = host, Attempts = row.Attempts + 1 }, ct);
    }

    private async Task CastBuildAsync(InstanceRecord row, CancellationToken ct)
    {
        var host = row.Host ?? throw new InvalidOperationException("A build is cast only to a placed instance.");
        await compute.BuildAndRunInstanceAsync(host, new BuildAndRunInstance { Instance = InstanceSpecMapper.ToSpec(row), Attempt = row.Attempts }, ct);
        ConductorLog.BuildCast(logger, row.Id, host, row.Attempts);
    }

    private InstanceFault ErrorFault(Guid instanceId, BuildDecision decision, InstanceFault last) =>
        decision == BuildDecision.ErrorAttemptsExhausted ? BuildFaults.AttemptsExhausted(instanceId, options.Value.MaxAttempts, last) : last;

    private InstanceEvent Event(string result, string? host, DateTimeOffset started) =>
        new(InstanceEvent.ScheduleAndBuild, result, host, RequestContext.Current ?? RequestContext.NewId(), started, timeProvider.GetUtcNow());
}
