namespace XapiSim.State;

/// <summary>The host's metrics row; every figure is computed from the host at read time.</summary>
public sealed class HostMetricsObject : SimObject
{
    public override string XenClass => "host_metrics";

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["memory_total"] = db.Host.MemoryTotal,
        ["memory_free"] = db.Host.MemoryFree(db),
        ["live"] = true,
        ["last_updated"] = db.Clock.GetUtcNow().UtcDateTime,
        ["other_config"] = new Dictionary<string, string>(),
    };
}
