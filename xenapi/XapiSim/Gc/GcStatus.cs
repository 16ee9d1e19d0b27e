namespace XapiSim.Gc;

/// <summary>What the garbage collector has done (admin endpoint <c>GET /_sim/gc</c>).</summary>
public sealed record GcStatus(bool Paused, long Runs, long Deleted, long Coalesced, DateTimeOffset? LastRun, string? LastError, bool Pending);
