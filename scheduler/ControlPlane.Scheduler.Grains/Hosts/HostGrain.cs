using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Scheduler.Grains.Hosts;

/// <summary>
/// Orleans activation of <see cref="IHostGrain"/>. State lives in memory only: on activation it is
/// rebuilt from the database (instances placed on the host, with their flavor copy, and the last
/// reported totals), so deactivation or a scheduler restart never forgets usage.
/// </summary>
public sealed class HostGrain(IHostClaimSource source, IOptions<SchedulerOptions> options, ILogger<HostGrain> logger)
    : Grain, IHostGrain
{
    private HostCapacity capacity = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var host = this.GetPrimaryKeyString();
        capacity = new HostCapacity(host, AllocationRatios.From(options.Value));
        var persisted = await source.LoadAsync(host, cancellationToken);
        if (persisted.Totals is { } totals)
        {
            capacity.SetTotals(totals);
        }
        foreach (var (instanceId, resources) in persisted.Instances)
        {
            capacity.Ensure(instanceId, resources);
        }
        HostGrainLog.Activated(logger, host, capacity.ClaimCount, capacity.Used.MemoryMb, capacity.Totals.MemoryMb);
        await base.OnActivateAsync(cancellationToken);
    }

    Task<ClaimOutcome> IHostGrain.TryClaim(Guid instanceId, Resources resources)
    {
        var outcome = capacity.TryClaim(instanceId, resources);
        HostGrainLog.ClaimAttempt(logger, capacity.Host, instanceId, outcome, capacity.Used.MemoryMb, capacity.Limits.MemoryMb);
        return Task.FromResult(outcome);
    }

    Task IHostGrain.Ensure(Guid instanceId, Resources resources)
    {
        capacity.Ensure(instanceId, resources);
        return Task.CompletedTask;
    }

    Task<bool> IHostGrain.Release(Guid instanceId)
    {
        var released = capacity.Release(instanceId);
        HostGrainLog.Released(logger, capacity.Host, instanceId, released);
        return Task.FromResult(released);
    }

    Task IHostGrain.UpdateCapacity(Resources totals)
    {
        capacity.SetTotals(totals);
        return Task.CompletedTask;
    }

    Task<HostUsage> IHostGrain.GetUsage() => Task.FromResult(capacity.Snapshot());
}
