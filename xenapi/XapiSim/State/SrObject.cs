using ControlPlane.XenApi.Wire;

namespace XapiSim.State;

/// <summary>The file SR ("Local storage", type <c>ext</c>). Utilisation is computed from the VDIs' files.</summary>
public sealed class SrObject : SimObject
{
    public override string XenClass => "SR";

    public string NameLabel { get; set; } = "Local storage";
    public string NameDescription { get; set; } = "";
    public long PhysicalSize { get; set; }
    public Dictionary<string, string> OtherConfig { get; set; } = [];
    public Dictionary<string, string> SmConfig { get; set; } = [];

    public long PhysicalUtilisation(SimDatabase db) => db.Vdis.All.Where(v => v.Sr == Ref).Sum(v => v.PhysicalUtilisation);

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["name_label"] = NameLabel,
        ["name_description"] = NameDescription,
        ["allowed_operations"] = new List<string>(),
        ["current_operations"] = new Dictionary<string, string>(),
        ["VDIs"] = db.Vdis.All.Where(v => v.Sr == Ref).Select(v => v.Ref).ToList(),
        ["PBDs"] = db.Pbds.All.Where(p => p.Sr == Ref).Select(p => p.Ref).ToList(),
        ["virtual_allocation"] = db.Vdis.All.Where(v => v.Sr == Ref).Sum(v => v.VirtualSize),
        ["physical_utilisation"] = PhysicalUtilisation(db),
        ["physical_size"] = PhysicalSize,
        ["type"] = "ext",
        ["content_type"] = "user",
        ["shared"] = false,
        ["other_config"] = OtherConfig,
        ["tags"] = new List<string>(),
        ["sm_config"] = SmConfig,
        ["blobs"] = new Dictionary<string, string>(),
        ["local_cache_enabled"] = false,
        ["is_tools_sr"] = false,
    };

    public override Dictionary<string, string>? MapField(string wireName) => wireName switch
    {
        "other_config" => OtherConfig,
        "sm_config" => SmConfig,
        _ => null,
    };

    public override bool TrySetField(string wireName, object? value)
    {
        switch (wireName)
        {
            case "name_label": NameLabel = WireConvert.ToStr(value); return true;
            case "name_description": NameDescription = WireConvert.ToStr(value); return true;
            default: return false;
        }
    }
}
