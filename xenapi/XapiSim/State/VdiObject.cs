using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace XapiSim.State;

/// <summary>A VDI row; its content is the file <c>&lt;uuid&gt;.vhd</c> in the SR directory.
/// Sizes are cached from the VHD at every scan or write.</summary>
public sealed class VdiObject : SimObject
{
    public override string XenClass => "VDI";

    public string NameLabel { get; set; } = "";
    public string NameDescription { get; set; } = "";
    public string Sr { get; set; } = OpaqueRefs.Null;
    public long VirtualSize { get; set; }
    public long PhysicalUtilisation { get; set; }
    public string Type { get; set; } = "user";
    public bool Sharable { get; set; }
    public bool ReadOnly { get; set; }
    public bool Managed { get; set; } = true;
    public bool Missing { get; set; }
    public bool IsASnapshot { get; set; }
    public string SnapshotOf { get; set; } = OpaqueRefs.Null;
    public DateTime SnapshotTime { get; set; } = XenDateTime.Epoch;
    public string OnBoot { get; set; } = "persist";
    public bool AllowCaching { get; set; }
    public Dictionary<string, string> OtherConfig { get; set; } = [];
    public Dictionary<string, string> SmConfig { get; set; } = [];
    public Dictionary<string, string> XenstoreData { get; set; } = [];
    public List<string> Tags { get; set; } = [];

    /// <summary>The parent's VDI uuid (<c>sm_config["vhd-parent"]</c>) or null.</summary>
    public string? VhdParent => SmConfig.GetValueOrDefault("vhd-parent");

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["name_label"] = NameLabel,
        ["name_description"] = NameDescription,
        ["allowed_operations"] = new List<string>(),
        ["current_operations"] = new Dictionary<string, string>(),
        ["SR"] = Sr,
        ["VBDs"] = db.Vbds.All.Where(b => b.Vdi == Ref).Select(b => b.Ref).ToList(),
        ["crash_dumps"] = new List<string>(),
        ["virtual_size"] = VirtualSize,
        ["physical_utilisation"] = PhysicalUtilisation,
        ["type"] = Type,
        ["sharable"] = Sharable,
        ["read_only"] = ReadOnly,
        ["other_config"] = OtherConfig,
        ["storage_lock"] = false,
        ["location"] = Uuid,
        ["managed"] = Managed,
        ["missing"] = Missing,
        ["parent"] = OpaqueRefs.Null,
        ["xenstore_data"] = XenstoreData,
        ["sm_config"] = SmConfig,
        ["is_a_snapshot"] = IsASnapshot,
        ["snapshot_of"] = SnapshotOf,
        ["snapshots"] = db.Vdis.All.Where(v => v.SnapshotOf == Ref).Select(v => v.Ref).ToList(),
        ["snapshot_time"] = SnapshotTime,
        ["tags"] = Tags,
        ["allow_caching"] = AllowCaching,
        ["on_boot"] = OnBoot,
        ["metadata_latest"] = false,
        ["is_tools_iso"] = false,
        ["cbt_enabled"] = false,
    };

    public override Dictionary<string, string>? MapField(string wireName) => wireName switch
    {
        "other_config" => OtherConfig,
        "sm_config" => SmConfig,
        "xenstore_data" => XenstoreData,
        _ => null,
    };

    public override bool TrySetField(string wireName, object? value)
    {
        switch (wireName)
        {
            case "name_label": NameLabel = WireConvert.ToStr(value); return true;
            case "name_description": NameDescription = WireConvert.ToStr(value); return true;
            case "sharable": Sharable = WireConvert.ToBool(value); return true;
            case "read_only": ReadOnly = WireConvert.ToBool(value); return true;
            case "on_boot": OnBoot = WireConvert.ToStr(value).ToLowerInvariant(); return true;
            case "allow_caching": AllowCaching = WireConvert.ToBool(value); return true;
            case "tags": Tags = WireConvert.ToStrings(value); return true;
            default: return false;
        }
    }
}
