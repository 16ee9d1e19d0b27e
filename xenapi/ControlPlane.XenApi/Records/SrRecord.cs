using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>SR fields (sizes in bytes).</summary>
public sealed record SrRecord
{
    public string Uuid { get; init; } = "";
    public string NameLabel { get; init; } = "";
    public string NameDescription { get; init; } = "";
    public string Type { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long PhysicalSize { get; init; }
    public long PhysicalUtilisation { get; init; }
    public long VirtualAllocation { get; init; }
    public bool Shared { get; init; }
    public List<VdiRef> Vdis { get; init; } = [];
    public List<PbdRef> Pbds { get; init; } = [];
    public Dictionary<string, string> OtherConfig { get; init; } = [];
    public Dictionary<string, string> SmConfig { get; init; } = [];

    public static SrRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        NameLabel = r.Str("name_label"),
        NameDescription = r.Str("name_description"),
        Type = r.Str("type"),
        ContentType = r.Str("content_type"),
        PhysicalSize = r.Long("physical_size"),
        PhysicalUtilisation = r.Long("physical_utilisation"),
        VirtualAllocation = r.Long("virtual_allocation"),
        Shared = r.Bool("shared"),
        Vdis = r.Refs<VdiRef>("VDIs"),
        Pbds = r.Refs<PbdRef>("PBDs"),
        OtherConfig = r.Map("other_config"),
        SmConfig = r.Map("sm_config"),
    };
}
