using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Grains.Hosts;

/// <summary>
/// One compute host's capacity view and claims, shared by every scheduler replica of the cluster
/// (key = host name). Orleans runs one activation per key cluster-wide and one call at a time, so
/// a claim's check and its recording cannot interleave with another replica's claim.
/// </summary>
public interface IHostGrain : IGrainWithStringKey
{
    /// <summary>Claims <paramref name="resources"/> for the instance if it fits under the ratios; idempotent per instance.</summary>
    Task<ClaimOutcome> TryClaim(Guid instanceId, Resources resources);

    /// <summary>Records a claim without checking limits (placement already committed in the database); idempotent.</summary>
    Task Ensure(Guid instanceId, Resources resources);

    /// <summary>Drops the instance's claim; false when it held none.</summary>
    Task<bool> Release(Guid instanceId);

    /// <summary>Replaces the host's physical totals (from its service report).</summary>
    Task UpdateCapacity(Resources totals);

    /// <summary>Current totals, limits and usage.</summary>
    Task<HostUsage> GetUsage();
}
