using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace XapiSim.State;

/// <summary>The one simulated host. Memory figures are derived from the VMs resident on it.</summary>
public sealed class HostObject : SimObject
{
    public override string XenClass => "host";

    public string NameLabel { get; set; } = "";
    public string NameDescription { get; set; } = "";
    public string Address { get; set; } = "127.0.0.1";
    public string Hostname { get; set; } = "";
    public long MemoryTotal { get; set; }
    public long CpuCount { get; set; }
    public string Metrics { get; set; } = OpaqueRefs.Null;
    public Dictionary<string, string> OtherConfig { get; set; } = [];

    /// <summary>Free memory: total minus what resident domains (dom0 included) hold.</summary>
    public long MemoryFree(SimDatabase db) =>
        Math.Max(0, MemoryTotal - db.Vms.All.Where(v => v.ResidentOn == Ref && v.IsRunningLike).Sum(v => v.MemoryStaticMax + (8L << 20)));

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["name_label"] = NameLabel,
        ["name_description"] = NameDescription,
        ["allowed_operations"] = new List<string>(),
        ["current_operations"] = new Dictionary<string, string>(),
        ["API_version_major"] = 2L,
        ["API_version_minor"] = 21L,
        ["API_version_vendor"] = "XenSource",
        ["API_version_vendor_implementation"] = new Dictionary<string, string>(),
        ["enabled"] = true,
        ["software_version"] = SoftwareVersion(),
        ["other_config"] = OtherConfig,
        ["capabilities"] = new List<string> { "xen-3.0-x86_64", "hvm-3.0-x86_64" },
        ["cpu_configuration"] = new Dictionary<string, string>(),
        ["sched_policy"] = "credit",
        ["supported_bootloaders"] = new List<string> { "pygrub", "eliloader" },
        ["resident_VMs"] = db.Vms.All.Where(v => v.ResidentOn == Ref).Select(v => v.Ref).ToList(),
        ["logging"] = new Dictionary<string, string>(),
        ["PIFs"] = new List<string>(),
        ["suspend_image_sr"] = db.Sr.Ref,
        ["crash_dump_sr"] = db.Sr.Ref,
        ["PBDs"] = db.Pbds.All.Where(p => p.Host == Ref).Select(p => p.Ref).ToList(),
        ["host_CPUs"] = new List<string>(),
        ["cpu_info"] = new Dictionary<string, string>
        {
            ["cpu_count"] = CpuCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["socket_count"] = "1",
            ["vendor"] = "GenuineIntel",
            ["modelname"] = "XapiSim virtual CPU",
        },
        ["hostname"] = Hostname,
        ["address"] = Address,
        ["metrics"] = Metrics,
        ["memory_overhead"] = 0L,
        ["license_params"] = new Dictionary<string, string>(),
        ["tags"] = new List<string>(),
        ["control_domain"] = db.Vms.All.FirstOrDefault(v => v.IsControlDomain)?.Ref ?? OpaqueRefs.Null,
        ["boot_free_mem"] = MemoryTotal,
    };

    public static Dictionary<string, string> SoftwareVersion() => new()
    {
        ["product_brand"] = "XenServer",
        ["product_version"] = "8.2.1",
        ["platform_name"] = "XCP",
        ["platform_version"] = "3.2.1",
        ["xapi"] = "1.20",
        ["xen"] = "4.13.5",
        ["hostname"] = "xapisim",
        ["build_number"] = "xapisim",
    };

    public override Dictionary<string, string>? MapField(string wireName) => wireName == "other_config" ? OtherConfig : null;

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
