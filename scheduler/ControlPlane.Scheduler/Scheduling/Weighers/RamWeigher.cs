using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Scheduling.Weighers;

/// <summary>
/// Nova's RAMWeigher with a positive multiplier: spreads instances by preferring the host with the
/// most free RAM (limit after the ratio minus claimed). Ties go to the host name, for a stable order.
/// </summary>
public static class RamWeigher
{
    /// <summary>The hosts ordered best first.</summary>
    public static IReadOnlyList<HostUsage> Order(IEnumerable<HostUsage> hosts) =>
        hosts.OrderByDescending(h => h.Free.MemoryMb).ThenBy(h => h.Host, StringComparer.Ordinal).ToList();
}
