using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace XapiSim.State;

/// <summary>A VBD row linking a VM to a VDI (or an empty CD drive).</summary>
public sealed class VbdObject : SimObject
{
    public override string XenClass => "VBD";

    public string Vm { get; set; } = OpaqueRefs.Null;
    public string Vdi { get; set; } = OpaqueRefs.Null;
    public string Userdevice { get; set; } = "0";
    public string Device { get; set; } = "";
    public bool Bootable { get; set; }
    public string Mode { get; set; } = "RW";
    public string Type { get; set; } = "Disk";
    public bool Unpluggable { get; set; } = true;
    public bool Empty { get; set; }
    public bool CurrentlyAttached { get; set; }
    public Dictionary<string, string> OtherConfig { get; set; } = [];
    public string QosAlgorithmType { get; set; } = "";
    public Dictionary<string, string> QosAlgorithmParams { get; set; } = [];

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["allowed_operations"] = new List<string>(),
        ["current_operations"] = new Dictionary<string, string>(),
        ["VM"] = Vm,
        ["VDI"] = Vdi,
        ["device"] = Device,
        ["userdevice"] = Userdevice,
        ["bootable"] = Bootable,
        ["mode"] = Mode,
        ["type"] = Type,
        ["unpluggable"] = Unpluggable,
        ["storage_lock"] = false,
        ["empty"] = Empty,
        ["other_config"] = OtherConfig,
        ["currently_attached"] = CurrentlyAttached,
        ["status_code"] = 0L,
        ["status_detail"] = "",
        ["runtime_properties"] = new Dictionary<string, string>(),
        ["qos_algorithm_type"] = QosAlgorithmType,
        ["qos_algorithm_params"] = QosAlgorithmParams,
        ["qos_supported_algorithms"] = new List<string>(),
        ["metrics"] = OpaqueRefs.Null,
    };

    public override Dictionary<string, string>? MapField(string wireName) => wireName switch
    {
        "other_config" => OtherConfig,
        "qos_algorithm_params" => QosAlgorithmParams,
        _ => null,
    };

    public override bool TrySetField(string wireName, object? value)
    {
        switch (wireName)
        {
            case "userdevice": Userdevice = WireConvert.ToStr(value); return true;
            case "bootable": Bootable = WireConvert.ToBool(value); return true;
            case "unpluggable": Unpluggable = WireConvert.ToBool(value); return true;
            case "qos_algorithm_type": QosAlgorithmType = WireConvert.ToStr(value); return true;
            default: return false;
        }
    }
}
