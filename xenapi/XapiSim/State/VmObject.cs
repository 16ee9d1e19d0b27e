using ControlPlane.XenApi.Refs;

namespace XapiSim.State;

/// <summary>A VM row. Power state and residency are XAPI-owned; the rest comes from <c>VM.create</c>.</summary>
public sealed class VmObject : SimObject
{
    public override string XenClass => "VM";

    public string NameLabel { get; set; } = "";
    public string NameDescription { get; set; } = "";
    public string PowerState { get; set; } = "Halted";
    public long Domid { get; set; } = -1;
    public string ResidentOn { get; set; } = OpaqueRefs.Null;
    public string Affinity { get; set; } = OpaqueRefs.Null;
    public bool IsATemplate { get; set; }
    public bool IsControlDomain { get; set; }
    public bool IsASnapshot { get; set; }
    public string SnapshotOf { get; set; } = OpaqueRefs.Null;

    /// <summary>The suspend image while the VM is suspended, else <c>OpaqueRef:NULL</c>.</summary>
    public string SuspendVdi { get; set; } = OpaqueRefs.Null;
    public long UserVersion { get; set; } = 1;
    public long MemoryStaticMin { get; set; }
    public long MemoryStaticMax { get; set; }
    public long MemoryDynamicMin { get; set; }
    public long MemoryDynamicMax { get; set; }
    public long MemoryTarget { get; set; }
    public long VcpusMax { get; set; } = 1;
    public long VcpusAtStartup { get; set; } = 1;
    public Dictionary<string, string> VcpusParams { get; set; } = [];
    public Dictionary<string, string> Platform { get; set; } = [];
    public Dictionary<string, string> OtherConfig { get; set; } = [];
    public Dictionary<string, string> BlockedOperations { get; set; } = [];
    public Dictionary<string, string> XenstoreData { get; set; } = [];
    public Dictionary<string, string> HvmBootParams { get; set; } = [];
    public string HvmBootPolicy { get; set; } = "";
    public string PvBootloader { get; set; } = "";
    public string PvKernel { get; set; } = "";
    public string PvRamdisk { get; set; } = "";
    public string PvArgs { get; set; } = "";
    public string PvBootloaderArgs { get; set; } = "";
    public string PvLegacyArgs { get; set; } = "";
    public string ActionsAfterShutdown { get; set; } = "destroy";
    public string ActionsAfterReboot { get; set; } = "restart";
    public string ActionsAfterCrash { get; set; } = "restart";
    public bool HaAlwaysRun { get; set; }
    public string HaRestartPriority { get; set; } = "";
    public string PciBus { get; set; } = "";
    public string Recommendations { get; set; } = "";
    public List<string> Tags { get; set; } = [];

    /// <summary>How many times the domain was (re)started; the console shows it.</summary>
    public long BootCount { get; set; }

    /// <summary>The domid of the VM's latest domain, kept after it stops (dom0 keeps <c>console.&lt;domid&gt;</c> too).</summary>
    public long LastDomid { get; set; } = -1;

    /// <summary>The guest's serial console log across boots (dom0's <c>/var/log/xen/guest/console.&lt;domid&gt;</c>),
    /// the last <see cref="XapiSim.Console.GuestConsoleLog.MaxChars"/> characters.</summary>
    public string ConsoleLog { get; set; } = "";

    public bool IsRunningLike => PowerState is "Running" or "Paused";

    public override Dictionary<string, object?> ToRecord(SimDatabase db) => new()
    {
        ["uuid"] = Uuid,
        ["allowed_operations"] = new List<string>(),
        ["current_operations"] = new Dictionary<string, string>(),
        ["name_label"] = NameLabel,
        ["name_description"] = NameDescription,
        ["power_state"] = PowerState,
        ["user_version"] = UserVersion,
        ["is_a_template"] = IsATemplate,
        ["is_default_template"] = false,
        ["is_control_domain"] = IsControlDomain,
        ["is_a_snapshot"] = IsASnapshot,
        ["snapshot_of"] = SnapshotOf,
        ["snapshots"] = db.Vms.All.Where(v => v.SnapshotOf == Ref).Select(v => v.Ref).ToList(),
        ["domid"] = Domid,
        ["resident_on"] = ResidentOn,
        ["affinity"] = Affinity,
        ["memory_overhead"] = IsRunningLike ? 8L << 20 : 0L,
        ["memory_target"] = MemoryTarget,
        ["memory_static_max"] = MemoryStaticMax,
        ["memory_dynamic_max"] = MemoryDynamicMax,
        ["memory_dynamic_min"] = MemoryDynamicMin,
        ["memory_static_min"] = MemoryStaticMin,
        ["VCPUs_params"] = VcpusParams,
        ["VCPUs_max"] = VcpusMax,
        ["VCPUs_at_startup"] = VcpusAtStartup,
        ["actions_after_shutdown"] = ActionsAfterShutdown,
        ["actions_after_reboot"] = ActionsAfterReboot,
        ["actions_after_crash"] = ActionsAfterCrash,
        ["consoles"] = db.Consoles.All.Where(c => c.Vm == Ref).Select(c => c.Ref).ToList(),
        ["VIFs"] = new List<string>(),
        ["VBDs"] = db.Vbds.All.Where(b => b.Vm == Ref).Select(b => b.Ref).ToList(),
        ["crash_dumps"] = new List<string>(),
        ["VTPMs"] = new List<string>(),
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
        ["suspend_VDI"] = SuspendVdi,
        ["metrics"] = OpaqueRefs.Null,
        ["guest_metrics"] = OpaqueRefs.Null,
    };

    public override Dictionary<string, string>? MapField(string wireName) => wireName switch
    {
        "other_config" => OtherConfig,
        "blocked_operations" => BlockedOperations,
        "xenstore_data" => XenstoreData,
        "platform" => Platform,
        "VCPUs_params" => VcpusParams,
        "HVM_boot_params" => HvmBootParams,
        _ => null,
    };

    public override bool TrySetField(string wireName, object? value)
    {
        var text = ControlPlane.XenApi.Wire.WireConvert.ToStr(value);
        switch (wireName)
        {
            case "name_label": NameLabel = text; return true;
            case "name_description": NameDescription = text; return true;
            case "PV_args": PvArgs = text; return true;
            case "PV_bootloader": PvBootloader = text; return true;
            case "PV_kernel": PvKernel = text; return true;
            case "PV_ramdisk": PvRamdisk = text; return true;
            case "HVM_boot_policy": HvmBootPolicy = text; return true;
            case "affinity": Affinity = text; return true;
            case "ha_restart_priority": HaRestartPriority = text; return true;
            case "tags": Tags = ControlPlane.XenApi.Wire.WireConvert.ToStrings(value); return true;
            default: return false;
        }
    }
}
