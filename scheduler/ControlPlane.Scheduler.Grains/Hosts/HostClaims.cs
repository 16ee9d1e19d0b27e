using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Grains.Hosts;

/// <summary>What the database says about a host: its last reported totals (if any) and the instances placed on it.</summary>
public sealed record HostClaims(Resources? Totals, IReadOnlyList<KeyValuePair<Guid, Resources>> Instances);
