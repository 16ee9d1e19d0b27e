using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>host_metrics fields (bytes).</summary>
public sealed record HostMetricsRecord
{
    public string Uuid { get; init; } = "";
    public long MemoryTotal { get; init; }
    public long MemoryFree { get; init; }
    public bool Live { get; init; }
    public DateTime LastUpdated { get; init; } = XenDateTime.Epoch;

    public static HostMetricsRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        MemoryTotal = r.Long("memory_total"),
        MemoryFree = r.Long("memory_free"),
        Live = r.Bool("live"),
        LastUpdated = r.Date("last_updated"),
    };
}
