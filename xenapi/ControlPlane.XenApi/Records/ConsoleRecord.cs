using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>console fields; <see cref="Location"/> is reached with HTTP CONNECT.</summary>
public sealed record ConsoleRecord
{
    public string Uuid { get; init; } = "";
    public ConsoleProtocol Protocol { get; init; }
    public string Location { get; init; } = "";
    public VmRef Vm { get; init; } = VmRef.Null;
    public Dictionary<string, string> OtherConfig { get; init; } = [];

    public static ConsoleRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        Protocol = r.Enum<ConsoleProtocol>("protocol"),
        Location = r.Str("location"),
        Vm = r.Ref<VmRef>("VM"),
        OtherConfig = r.Map("other_config"),
    };
}
