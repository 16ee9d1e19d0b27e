using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>VBD fields. <see cref="Device"/> and <see cref="CurrentlyAttached"/> are set by XAPI.</summary>
public sealed record VbdRecord
{
    public string Uuid { get; init; } = "";
    public VmRef Vm { get; init; } = VmRef.Null;
    public VdiRef Vdi { get; init; } = VdiRef.Null;
    public string Device { get; init; } = "";
    public string Userdevice { get; init; } = "0";
    public bool Bootable { get; init; }
    public VbdMode Mode { get; init; } = VbdMode.RW;
    public VbdType Type { get; init; } = VbdType.Disk;
    public bool Unpluggable { get; init; } = true;
    public bool Empty { get; init; }
    public bool CurrentlyAttached { get; init; }
    public Dictionary<string, string> OtherConfig { get; init; } = [];
    public string QosAlgorithmType { get; init; } = "";
    public Dictionary<string, string> QosAlgorithmParams { get; init; } = [];

    public static VbdRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        Vm = r.Ref<VmRef>("VM"),
        Vdi = r.Ref<VdiRef>("VDI"),
        Device = r.Str("device"),
        Userdevice = r.Str("userdevice"),
        Bootable = r.Bool("bootable"),
        Mode = r.Enum<VbdMode>("mode"),
        Type = r.Enum<VbdType>("type"),
        Unpluggable = r.Bool("unpluggable"),
        Empty = r.Bool("empty"),
        CurrentlyAttached = r.Bool("currently_attached"),
        OtherConfig = r.Map("other_config"),
        QosAlgorithmType = r.Str("qos_algorithm_type"),
        QosAlgorithmParams = r.Map("qos_algorithm_params"),
    };

    /// <summary>The <c>VBD.create</c> argument, as Nova sends it.</summary>
    public Dictionary<string, object?> ToWire() => new()
    {
        ["VM"] = Vm.OpaqueRef,
        ["VDI"] = Vdi.OpaqueRef,
        ["userdevice"] = Userdevice,
        ["bootable"] = Bootable,
        ["mode"] = Mode.ToString(),
        ["type"] = Type.ToString(),
        ["unpluggable"] = Unpluggable,
        ["empty"] = Empty,
        ["other_config"] = OtherConfig,
        ["qos_algorithm_type"] = QosAlgorithmType,
        ["qos_algorithm_params"] = QosAlgorithmParams,
        ["qos_supported_algorithms"] = new List<string>(),
    };
}
