using ControlPlane.XenApi.Refs;

namespace XapiSim.State;

/// <summary>The PBD plugging the SR into the host; <c>device_config["path"]</c> is the SR directory.</summary>
public sealed class PbdObject : SimObject
{
    public override string XenClass => "PBD";

    public string Host { get; set; } = OpaqueRefs.Null;
    public string Sr { get; set; } = OpaqueRefs.Null;
    public Dictionary<string, string> DeviceConfig { get; set; } = [];
    public Dictionary<string, string> OtherConfig { get; set; } = [];

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["host"] = Host,
        ["SR"] = Sr,
        ["device_config"] = DeviceConfig,
        ["currently_attached"] = true,
        ["other_config"] = OtherConfig,
    };

    public override Dictionary<string, string>? MapField(string wireName) => wireName == "other_config" ? OtherConfig : null;
}
