using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace XapiSim.State;

/// <summary>The pool of one host (every XAPI host is in a pool, possibly alone).</summary>
public sealed class PoolObject : SimObject
{
    public override string XenClass => "pool";

    public string NameLabel { get; set; } = "";
    public string Master { get; set; } = OpaqueRefs.Null;
    public string DefaultSr { get; set; } = OpaqueRefs.Null;
    public Dictionary<string, string> OtherConfig { get; set; } = [];

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["name_label"] = NameLabel,
        ["name_description"] = "",
        ["master"] = Master,
        ["default_SR"] = DefaultSr,
        ["suspend_image_SR"] = DefaultSr,
        ["crash_dump_SR"] = DefaultSr,
        ["other_config"] = OtherConfig,
        ["ha_enabled"] = false,
        ["tags"] = new List<string>(),
        ["restrictions"] = new Dictionary<string, string>(),
    };

    public override Dictionary<string, string>? MapField(string wireName) => wireName == "other_config" ? OtherConfig : null;

    public override bool TrySetField(string wireName, object? value)
    {
        switch (wireName)
        {
            case "name_label": NameLabel = WireConvert.ToStr(value); return true;
            case "default_SR": DefaultSr = WireConvert.ToStr(value); return true;
            default: return false;
        }
    }
}
