using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Grains.Groups;

/// <summary>
/// One server group's placement decisions, shared by every scheduler replica (key = group id). Orleans runs
/// one activation per key cluster-wide and one call at a time, and the grain claims the host (through the
/// host grain) inside the same call that checks the policy, so two members can never both see a host as
/// free of the group and both take it, whichever scheduler process handles them.
/// </summary>
public interface IServerGroupGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Filters (hard policies) or orders (soft policies) <paramref name="rankedHosts"/> by where the group's
    /// other members are, then claims <paramref name="resources"/> on the first host that accepts; the
    /// host, or null when no allowed host took the claim (no valid host).
    /// </summary>
    Task<string?> PlaceAndClaim(Guid instanceId, Resources resources, IReadOnlyList<string> rankedHosts);

    /// <summary>Forgets an in-flight placement of the instance on <paramref name="host"/> (its claim was released).</summary>
    Task Forget(Guid instanceId, string host);

    /// <summary>Members per host as the next placement would see them (database plus in-flight placements).</summary>
    Task<IReadOnlyDictionary<string, int>> GetHostMap();
}
