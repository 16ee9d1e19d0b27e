using ControlPlane.XenApi.Refs;

namespace XapiSim.State;

/// <summary>The RFB console of a running VM (created at start, removed at shutdown, as XAPI does).</summary>
public sealed class ConsoleObject : SimObject
{
    public override string XenClass => "console";

    public string Vm { get; set; } = OpaqueRefs.Null;
    public string Location { get; set; } = "";
    public Dictionary<string, string> OtherConfig { get; set; } = [];

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["protocol"] = "rfb",
        ["location"] = Location,
        ["VM"] = Vm,
        ["other_config"] = OtherConfig,
    };

    public override Dictionary<string, string>? MapField(string wireName) => wireName == "other_config" ? OtherConfig : null;
}
