using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>PBD fields; <c>device_config["path"]</c> is the SR directory on file SRs.</summary>
public sealed record PbdRecord
{
    public string Uuid { get; init; } = "";
    public HostRef Host { get; init; } = HostRef.Null;
    public SrRef Sr { get; init; } = SrRef.Null;
    public Dictionary<string, string> DeviceConfig { get; init; } = [];
    public bool CurrentlyAttached { get; init; }
    public Dictionary<string, string> OtherConfig { get; init; } = [];

    public static PbdRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        Host = r.Ref<HostRef>("host"),
        Sr = r.Ref<SrRef>("SR"),
        DeviceConfig = r.Map("device_config"),
        CurrentlyAttached = r.Bool("currently_attached"),
        OtherConfig = r.Map("other_config"),
    };
}
