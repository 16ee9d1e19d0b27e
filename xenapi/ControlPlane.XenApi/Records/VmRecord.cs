using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>The VM fields this client reads and the constructor fields it sends (wire names in comments where unobvious).</summary>
public sealed record VmRecord
{
    public string Uuid { get; init; } = "";
    public string NameLabel { get; init; } = "";
    public string NameDescription { get; init; } = "";
    public VmPowerState PowerState { get; init; } = VmPowerState.Halted;
    public bool IsATemplate { get; init; }
    public bool IsControlDomain { get; init; }
    public bool IsASnapshot { get; init; }
    public VmRef SnapshotOf { get; init; } = VmRef.Null;
    public long Domid { get; init; } = -1;
    public HostRef ResidentOn { get; init; } = HostRef.Null;
    public HostRef Affinity { get; init; } = HostRef.Null;
    public long MemoryStaticMin { get; init; }
    public long MemoryStaticMax { get; init; }
    public long MemoryDynamicMin { get; init; }
    public long MemoryDynamicMax { get; init; }
    public long MemoryTarget { get; init; }
    public long VcpusMax { get; init; } = 1;
    public long VcpusAtStartup { get; init; } = 1;
    public Dictionary<string, string> VcpusParams { get; init; } = [];
    public Dictionary<string, string> Platform { get; init; } = [];
    public Dictionary<string, string> OtherConfig { get; init; } = [];
    public Dictionary<string, string> BlockedOperations { get; init; } = [];
    public Dictionary<string, string> XenstoreData { get; init; } = [];
    public string PvBootloader { get; init; } = "";
    public string PvKernel { get; init; } = "";
    public string PvRamdisk { get; init; } = "";
    public string PvArgs { get; init; } = "";
    public string PvBootloaderArgs { get; init; } = "";
    public string PvLegacyArgs { get; init; } = "";
    public string HvmBootPolicy { get; init; } = "";
    public Dictionary<string, string> HvmBootParams { get; init; } = [];
    public string ActionsAfterShutdown { get; init; } = "destroy";
    public string ActionsAfterReboot { get; init; } = "restart";
    public string ActionsAfterCrash { get; init; } = "destroy";
    public bool HaAlwaysRun { get; init; }
    public string HaRestartPriority { get; init; } = "";
    public string PciBus { get; init; } = "";
    public string Recommendations { get; init; } = "";
    public long UserVersion { get; init; }
    public List<string> Tags { get; init; } = [];
    public List<VbdRef> Vbds { get; init; } = [];
    public List<string> Vifs { get; init; } = [];
    public List<ConsoleRef> Consoles { get; init; } = [];

    /// <summary><c>suspend_VDI</c>: the suspend image of a suspended VM, else null (read-only on the wire).</summary>
    public VdiRef SuspendVdi { get; init; } = VdiRef.Null;

    public static VmRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        NameLabel = r.Str("name_label"),
        NameDescription = r.Str("name_description"),
        PowerState = r.Enum<VmPowerState>("power_state"),
        IsATemplate = r.Bool("is_a_template"),
        IsControlDomain = r.Bool("is_control_domain"),
        IsASnapshot = r.Bool("is_a_snapshot"),
        SnapshotOf = r.Ref<VmRef>("snapshot_of"),
        Domid = r.Long("domid"),
        ResidentOn = r.Ref<HostRef>("resident_on"),
        Affinity = r.Ref<HostRef>("affinity"),
        MemoryStaticMin = r.Long("memory_static_min"),
        MemoryStaticMax = r.Long("memory_static_max"),
        MemoryDynamicMin = r.Long("memory_dynamic_min"),
        MemoryDynamicMax = r.Long("memory_dynamic_max"),
        MemoryTarget = r.Long("memory_target"),
        VcpusMax = r.Long("VCPUs_max"),
        VcpusAtStartup = r.Long("VCPUs_at_startup"),
        VcpusParams = r.Map("VCPUs_params"),
        Platform = r.Map("platform"),
        OtherConfig = r.Map("other_config"),
        BlockedOperations = r.Map("blocked_operations"),
        XenstoreData = r.Map("xenstore_data"),
        PvBootloader = r.Str("PV_bootloader"),
        PvKernel = r.Str("PV_kernel"),
        PvRamdisk = r.Str("PV_ramdisk"),
        PvArgs = r.Str("PV_args"),
        PvBootloaderArgs = r.Str("PV_bootloader_args"),
        PvLegacyArgs = r.Str("PV_legacy_args"),
        HvmBootPolicy = r.Str("HVM_boot_policy"),
        HvmBootParams = r.Map("HVM_boot_params"),
        ActionsAfterShutdown = r.Str("actions_after_shutdown"),
        ActionsAfterReboot = r.Str("actions_after_reboot"),
        ActionsAfterCrash = r.Str("actions_after_crash"),
        HaAlwaysRun = r.Bool("ha_always_run"),
        HaRestartPriority = r.Str("ha_restart_priority"),
        PciBus = r.Str("PCI_bus"),
        Recommendations = r.Str("recommendations"),
        UserVersion = r.Long("user_version"),
        Tags = r.Strings("tags"),
        Vbds = r.Refs<VbdRef>("VBDs"),
        Vifs = r.Strings("VIFs"),
        Consoles = r.Refs<ConsoleRef>("consoles"),
        SuspendVdi = r.Ref<VdiRef>("suspend_VDI"),
    };

    /// <summary>The <c>VM.create</c> argument: the constructor fields Nova sends (ints travel as decimal strings in XML-RPC, numbers in JSON).</summary>
    public Dictionary<string, object?> ToWire() => new()
    {
        ["name_label"] = NameLabel,
        ["name_description"] = NameDescription,
        ["user_version"] = UserVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["is_a_template"] = IsATemplate,
        ["affinity"] = Affinity.IsNull ? "" : Affinity.OpaqueRef,
        ["memory_static_max"] = MemoryStaticMax,
        ["memory_dynamic_max"] = MemoryDynamicMax,
        ["memory_dynamic_min"] = MemoryDynamicMin,
        ["memory_static_min"] = MemoryStaticMin,
        ["memory_target"] = MemoryTarget,
        ["VCPUs_params"] = VcpusParams,
        ["VCPUs_max"] = VcpusMax,
        ["VCPUs_at_startup"] = VcpusAtStartup,
        ["actions_after_shutdown"] = ActionsAfterShutdown,
        ["actions_after_reboot"] = ActionsAfterReboot,
        ["actions_after_crash"] = ActionsAfterCrash,
        ["PV_bootloader"] = PvBootloader,
        ["PV_kernel"] = PvKernel,
        ["PV_ramdisk"] = PvRamdisk,
        ["PV_args"] = PvArgs,
        ["PV_bootloader_args"] = PvBootloaderArgs,
        ["PV_legacy_args"] = PvLegacyArgs,
        ["HVM_boot_policy"] = HvmBootPolicy,
        ["HVM_boot_params"] = HvmBootParams,
        ["platform"] = Platform,
        ["PCI_bus"] = PciBus,
        ["other_config"] = OtherConfig,
        ["recommendations"] = Recommendations,
        ["xenstore_data"] = XenstoreData,
        ["ha_always_run"] = HaAlwaysRun,
        ["ha_restart_priority"] = HaRestartPriority,
        ["tags"] = Tags,
        ["blocked_operations"] = BlockedOperations,
    };
}
