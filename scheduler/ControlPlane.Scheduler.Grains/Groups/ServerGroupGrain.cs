using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Grains.Hosts;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Scheduler.Grains.Groups;

/// <summary>
/// Orleans activation of <see cref="IServerGroupGrain"/>. Each placement re-reads the group and its members
/// from the database (so a restart, a deleted member or a deleted group is seen at once) and adds the
/// placements this activation made that are not committed yet (claimed on the host grain, host not yet
/// written to the instance row). The policy check, the host claim and the recording of the reservation
/// happen in one grain call; a refused host claim records nothing and the next allowed host is tried.
/// </summary>
public sealed class ServerGroupGrain(IServerGroupSource source, ILogger<ServerGroupGrain> logger) : Grain, IServerGroupGrain
{
    private readonly Dictionary<Guid, string> reservations = [];

    async Task<string?> IServerGroupGrain.PlaceAndClaim(Guid instanceId, Resources resources, IReadOnlyList<string> rankedHosts)
    {
        var groupId = this.GetPrimaryKey();
        var group = await source.LoadAsync(groupId, CancellationToken.None);
        if (group is null)
        {
            ServerGroupGrainLog.GroupGone(logger, groupId, instanceId);
            reservations.Clear();
            return await ClaimFirstAsync(groupId, instanceId, resources, rankedHosts);
        }
        Prune(group);
        var hostMap = GroupPlacement.HostMap(group.Members, reservations, instanceId);
        var allowed = GroupPlacement.Candidates(group.Policy, group.MaxServerPerHost, hostMap, rankedHosts);
        var host = await ClaimFirstAsync(groupId, instanceId, resources, allowed);
        if (host is null)
        {
            ServerGroupGrainLog.NoHost(logger, groupId, group.Policy, instanceId, rankedHosts.Count, allowed.Count);
            return null;
        }
        reservations[instanceId] = host;
        ServerGroupGrainLog.Claimed(logger, groupId, group.Policy, instanceId, host, hostMap.GetValueOrDefault(host));
        return host;
    }

    Task IServerGroupGrain.Forget(Guid instanceId, string host)
    {
        if (reservations.TryGetValue(instanceId, out var reserved) && reserved == host)
        {
            reservations.Remove(instanceId);
        }
        return Task.CompletedTask;
    }

    async Task<IReadOnlyDictionary<string, int>> IServerGroupGrain.GetHostMap()
    {
        var group = await source.LoadAsync(this.GetPrimaryKey(), CancellationToken.None);
        if (group is null)
        {
            return new Dictionary<string, int>();
        }
        Prune(group);
        return GroupPlacement.HostMap(group.Members, reservations, Guid.Empty);
    }

    private void Prune(ServerGroupSnapshot group)
    {
        var members = group.Members.ToDictionary(m => m.InstanceId);
        foreach (var (instanceId, host) in reservations.ToList())
        {
            if (GroupPlacement.IsSettled(members.GetValueOrDefault(instanceId), host))
            {
                reservations.Remove(instanceId);
            }
        }
    }

    private async Task<string?> ClaimFirstAsync(Guid groupId, Guid instanceId, Resources resources, IReadOnlyList<string> hosts)
    {
        foreach (var host in hosts)
        {
            var outcome = await GrainFactory.GetGrain<IHostGrain>(host).TryClaim(instanceId, resources);
            if (outcome is ClaimOutcome.Claimed or ClaimOutcome.AlreadyClaimed)
            {
                return host;
            }
            ServerGroupGrainLog.ClaimRefused(logger, groupId, instanceId, host, outcome);
        }
        return null;
    }
}
