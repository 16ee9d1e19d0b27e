using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Grains.Groups;
using ControlPlane.Scheduler.Grains.Hosts;
using ControlPlane.Scheduler.Grains.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.Scheduler.Scheduling;

/// <summary>
/// Picks a host for an instance and claims capacity on it through the host grains: the hosts that
/// pass the ComputeFilter are asked for their usage, the resource filters and the RAM weigher order
/// them, and claims are tried best first until one host accepts (a refused claim means another
/// replica took the room meanwhile, so the next host is tried). Used by the conductor's build flow
/// and by the <c>SelectDestinations</c> gRPC method. An instance that is a member of a server group is
/// placed through the group's grain (<see cref="IServerGroupGrain"/>), which applies the group policy and
/// claims the host in one serialised call.
/// </summary>
public sealed class SchedulerService(
    IComputeServiceSource services, IGrainFactory grains, IServerGroupSource groups, IOptions<SchedulerOptions> options, TimeProvider timeProvider,
    ILogger<SchedulerService> logger)
{
    /// <summary>Claims <paramref name="request"/> for the instance on the best host, or returns <c>null</c> when none fits.</summary>
    public Task<string?> SelectAndClaimAsync(Guid instanceId, Resources request, IReadOnlyCollection<string> excludedHosts, CancellationToken ct) =>
        SelectAndClaimAsync(instanceId, request, excludedHosts, null, ct);

    /// <summary>As <see cref="SelectAndClaimAsync(Guid, Resources, IReadOnlyCollection{string}, CancellationToken)"/>, limited to
    /// <paramref name="onlyHost"/> when given (a cold migration to a named host, 2.56).</summary>
    public async Task<string?> SelectAndClaimAsync(Guid instanceId, Resources request, IReadOnlyCollection<string> excludedHosts, string? onlyHost, CancellationToken ct)
    {
        var all = await services.ListComputeServicesAsync(ct);
        var up = HostSelector.UpHosts(all, excludedHosts, timeProvider.GetUtcNow(), options.Value.ServiceDownTime)
            .Where(h => onlyHost is null || string.Equals(h, onlyHost, StringComparison.Ordinal)).ToList();
        var usages = await Task.WhenAll(up.Select(h => Grain(h).GetUsage()));
        var ranked = HostSelector.Rank(usages, request);
        var host = await ClaimRankedAsync(instanceId, request, ranked.Select(u => u.Host).ToList(), ct);
        if (host is null)
        {
            SchedulerLog.NoValidHost(logger, instanceId, all.Count, up.Count, ranked.Count);
        }
        return host;
    }

    /// <summary>
    /// Claims <paramref name="request"/> on the first of <paramref name="rankedHosts"/> (best first, already
    /// filtered for capacity) that accepts it and that the instance's server group allows (hard policies
    /// filter, soft ones reorder; the group grain does the check and the claim atomically); the host, or
    /// null. Every placement (build, resize or migrate destination, unshelve) goes through here, so each
    /// honours the group.
    /// </summary>
    public async Task<string?> ClaimRankedAsync(Guid instanceId, Resources request, IReadOnlyList<string> rankedHosts, CancellationToken ct)
    {
        if (await groups.FindGroupOfAsync(instanceId, ct) is { } groupId)
        {
            var placed = await grains.GetGrain<IServerGroupGrain>(groupId).PlaceAndClaim(instanceId, request, rankedHosts);
            if (placed is not null)
            {
                SchedulerLog.ClaimedInGroup(logger, instanceId, placed, groupId);
            }
            return placed;
        }
        foreach (var candidate in rankedHosts)
        {
            var outcome = await Grain(candidate).TryClaim(instanceId, request);
            if (outcome is ClaimOutcome.Claimed or ClaimOutcome.AlreadyClaimed)
            {
                SchedulerLog.Claimed(logger, instanceId, candidate, outcome);
                return candidate;
            }
            SchedulerLog.ClaimRefused(logger, instanceId, candidate, outcome);
        }
        return null;
    }

    /// <summary>Releases the instance's claim on <paramref name="host"/> (idempotent), and its group's in-flight placement there.</summary>
    public async Task<bool> ReleaseAsync(string host, Guid instanceId)
    {
        var released = await Grain(host).Release(instanceId);
        if (await groups.FindGroupOfAsync(instanceId, CancellationToken.None) is { } groupId)
        {
            await grains.GetGrain<IServerGroupGrain>(groupId).Forget(instanceId, host);
        }
        return released;
    }

    /// <summary>Records a claim whose placement is already committed (restores accounting after a grain reactivation).</summary>
    public Task EnsureClaimAsync(string host, Guid instanceId, Resources request) => Grain(host).Ensure(instanceId, request);

    /// <summary>Tells the host's grain its physical totals.</summary>
    public Task UpdateCapacityAsync(string host, Resources totals) => Grain(host).UpdateCapacity(totals);

    private IHostGrain Grain(string host) => grains.GetGrain<IHostGrain>(host);
}
