namespace ControlPlane.Scheduler.Grains.Capacity;

/// <summary>A point-in-time view of one host: physical totals, limits after ratios, and what is claimed.</summary>
[GenerateSerializer, Immutable]
public sealed record HostUsage(
    [property: Id(0)] string Host,
    [property: Id(1)] Resources Totals,
    [property: Id(2)] Resources Limits,
    [property: Id(3)] Resources Used,
    [property: Id(4)] int Claims,
    [property: Id(5)] bool CapacityKnown)
{
    /// <summary>What can still be claimed (limits minus used; may be negative after a capacity shrink).</summary>
    public Resources Free => Limits.Subtract(Used);
}
