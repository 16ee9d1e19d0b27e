namespace ControlPlane.Bench.Shelve;

/// <summary>One shelve and unshelve of the benchmark server.</summary>
/// <param name="Index">1-based run number.</param>
/// <param name="ShelveSeconds">From the shelve POST until the server is SHELVED_OFFLOADED.</param>
/// <param name="UnshelveSeconds">From the unshelve POST until the server is ACTIVE again.</param>
/// <param name="ShelveTimeline">Task states seen while shelving, with seconds since the POST.</param>
/// <param name="UnshelveTimeline">Task states seen while unshelving, with seconds since the POST.</param>
/// <param name="Error">Why the run failed, or null.</param>
public sealed record ShelveIteration(
    int Index, double? ShelveSeconds, double? UnshelveSeconds,
    IReadOnlyList<(double At, string State)> ShelveTimeline, IReadOnlyList<(double At, string State)> UnshelveTimeline, string? Error);
