using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>VDI fields. <see cref="SmConfig"/>["vhd-parent"] is the parent VHD's VDI uuid on file SRs.</summary>
public sealed record VdiRecord
{
    public string Uuid { get; init; } = "";
    public string NameLabel { get; init; } = "";
    public string NameDescription { get; init; } = "";
    public SrRef Sr { get; init; } = SrRef.Null;
    public List<VbdRef> Vbds { get; init; } = [];
    public long VirtualSize { get; init; }
    public long PhysicalUtilisation { get; init; }
    public VdiType Type { get; init; } = VdiType.User;
    public bool Sharable { get; init; }
    public bool ReadOnly { get; init; }
    public Dictionary<string, string> OtherConfig { get; init; } = [];
    public Dictionary<string, string> SmConfig { get; init; } = [];
    public Dictionary<string, string> XenstoreData { get; init; } = [];
    public string Location { get; init; } = "";
    public bool Managed { get; init; } = true;
    public bool Missing { get; init; }
    public bool IsASnapshot { get; init; }
    public VdiRef SnapshotOf { get; init; } = VdiRef.Null;
    public List<VdiRef> Snapshots { get; init; } = [];
    public DateTime SnapshotTime { get; init; } = XenDateTime.Epoch;
    public List<string> Tags { get; init; } = [];
    public string OnBoot { get; init; } = "persist";
    public bool AllowCaching { get; init; }

    /// <summary>The parent VDI uuid from <c>sm_config["vhd-parent"]</c>, or null for a root.</summary>
    public string? VhdParent => SmConfig.GetValueOrDefault("vhd-parent");

    public static VdiRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        NameLabel = r.Str("name_label"),
        NameDescription = r.Str("name_description"),
        Sr = r.Ref<SrRef>("SR"),
        Vbds = r.Refs<VbdRef>("VBDs"),
        VirtualSize = r.Long("virtual_size"),
        PhysicalUtilisation = r.Long("physical_utilisation"),
        Type = r.Enum<VdiType>("type"),
        Sharable = r.Bool("sharable"),
        ReadOnly = r.Bool("read_only"),
        OtherConfig = r.Map("other_config"),
        SmConfig = r.Map("sm_config"),
        XenstoreData = r.Map("xenstore_data"),
        Location = r.Str("location"),
        Managed = r.Bool("managed"),
        Missing = r.Bool("missing"),
        IsASnapshot = r.Bool("is_a_snapshot"),
        SnapshotOf = r.Ref<VdiRef>("snapshot_of"),
        Snapshots = r.Refs<VdiRef>("snapshots"),
        SnapshotTime = r.Date("snapshot_time"),
        Tags = r.Strings("tags"),
        OnBoot = r.Str("on_boot"),
        AllowCaching = r.Bool("allow_caching"),
    };

    /// <summary>The <c>VDI.create</c> argument, as Nova sends it.</summary>
    public Dictionary<string, object?> ToWire() => new()
    {
        ["name_label"] = NameLabel,
        ["name_description"] = NameDescription,
        ["SR"] = Sr.OpaqueRef,
        ["virtual_size"] = VirtualSize,
        ["type"] = WireConvert.EnumToWire(Type, lowerCase: true),
        ["sharable"] = Sharable,
        ["read_only"] = ReadOnly,
        ["xenstore_data"] = XenstoreData,
        ["other_config"] = OtherConfig,
        ["sm_config"] = SmConfig,
        ["tags"] = Tags,
    };
}
