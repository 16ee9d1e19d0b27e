using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>host fields; memory figures live in <see cref="HostMetricsRecord"/> via <see cref="Metrics"/>.</summary>
public sealed record HostRecord
{
    public string Uuid { get; init; } = "";
    public string NameLabel { get; init; } = "";
    public string NameDescription { get; init; } = "";
    public string Address { get; init; } = "";
    public string Hostname { get; init; } = "";
    public long ApiVersionMajor { get; init; }
    public long ApiVersionMinor { get; init; }
    public bool Enabled { get; init; }
    public Dictionary<string, string> SoftwareVersion { get; init; } = [];
    public Dictionary<string, string> OtherConfig { get; init; } = [];
    public HostMetricsRef Metrics { get; init; } = HostMetricsRef.Null;
    public List<VmRef> ResidentVms { get; init; } = [];
    public List<PbdRef> Pbds { get; init; } = [];
    public long MemoryOverhead { get; init; }
    public long CpuCount { get; init; }

    public static HostRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        NameLabel = r.Str("name_label"),
        NameDescription = r.Str("name_description"),
        Address = r.Str("address"),
        Hostname = r.Str("hostname"),
        ApiVersionMajor = r.Long("API_version_major"),
        ApiVersionMinor = r.Long("API_version_minor"),
        Enabled = r.Bool("enabled"),
        SoftwareVersion = r.Map("software_version"),
        OtherConfig = r.Map("other_config"),
        Metrics = r.Ref<HostMetricsRef>("metrics"),
        ResidentVms = r.Refs<VmRef>("resident_VMs"),
        Pbds = r.Refs<PbdRef>("PBDs"),
        MemoryOverhead = r.Long("memory_overhead"),
        CpuCount = r.Map("cpu_info").TryGetValue("cpu_count", out var c) && long.TryParse(c, out var n) ? n : 0,
    };
}
