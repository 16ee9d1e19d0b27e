using ControlPlane.Domain.ServerGroups;
using ControlPlane.Domain.States;

namespace ControlPlane.Scheduler.Grains.Groups;

/// <summary>
/// The pure part of server-group scheduling (Nova's ServerGroupAffinityFilter, ServerGroupAntiAffinityFilter
/// and the soft-(anti-)affinity weighers): where the other members are, and which of the ranked hosts the
/// policy allows, in which order.
/// </summary>
public static class GroupPlacement
{
    /// <summary>
    /// How many members (other than <paramref name="placing"/>) each host holds: a member counts on its
    /// committed host and, while its placement is still in flight, on the host reserved for it.
    /// </summary>
    public static IReadOnlyDictionary<string, int> HostMap(IEnumerable<GroupMember> members, IReadOnlyDictionary<Guid, string> reservations, Guid placing)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members.Where(m => m.InstanceId != placing))
        {
            var hosts = new HashSet<string>(StringComparer.Ordinal);
            if (member.Host is { } host)
            {
                hosts.Add(host);
            }
            if (reservations.TryGetValue(member.InstanceId, out var reserved))
            {
                hosts.Add(reserved);
            }
            foreach (var h in hosts)
            {
                map[h] = map.GetValueOrDefault(h) + 1;
            }
        }
        return map;
    }

    /// <summary>
    /// True when a reservation no longer describes an in-flight placement: the member is gone, its
    /// placement is committed to that host, or it ended without a host (e.g. ERROR after no valid host).
    /// </summary>
    public static bool IsSettled(GroupMember? member, string reservedHost) =>
        member is null || member.Host == reservedHost || (member.Host is null && member.VmState != VmState.Building);

    /// <summary>
    /// The hosts of <paramref name="ranked"/> (best first) the policy allows, in the order to try them:
    /// affinity keeps the members' host (any host for the first member), anti-affinity the hosts with
    /// fewer than <paramref name="maxServerPerHost"/> members; the soft policies keep every host and
    /// order them by member count (most first for soft-affinity, fewest first for soft-anti-affinity),
    /// the ranked order breaking ties.
    /// </summary>
    public static IReadOnlyList<string> Candidates(string policy, int maxServerPerHost, IReadOnlyDictionary<string, int> hostMap, IReadOnlyList<string> ranked) =>
        policy switch
        {
            ServerGroupPolicies.Affinity => hostMap.Count == 0 ? ranked : ranked.Where(hostMap.ContainsKey).ToList(),
            ServerGroupPolicies.AntiAffinity => ranked.Where(h => hostMap.GetValueOrDefault(h) < Math.Max(1, maxServerPerHost)).ToList(),
            ServerGroupPolicies.SoftAffinity => ranked.OrderByDescending(h => hostMap.GetValueOrDefault(h)).ToList(),
            ServerGroupPolicies.SoftAntiAffinity => ranked.OrderBy(h => hostMap.GetValueOrDefault(h)).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown server group policy."),
        };
}
