using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Options;
using XapiSim.Dispatch;
using XapiSim.Options;
using XapiSim.State;

namespace XapiSim.Messages;

/// <summary>VM constructor, destructor and lifecycle with XAPI's power-state rules. Getters/setters are generic.
/// Suspend writes a suspend image (<see cref="SuspendImages"/>); resume and hard shutdown of a suspended VM remove it.</summary>
public sealed class VmMessages(IOptions<SimOptions> options, SuspendImages suspendImages) : ISimMessageSet
{
    public IEnumerable<SimMessage> Messages =>
    [
        new("VM.create", 1, 1, Create),
        new("VM.destroy", 1, 1, Destroy),
        new("VM.start", 3, 3, c => Start(c, "start", c.Bool(1, "start_paused"))),
        new("VM.start_on", 4, 4, StartOn),
        new("VM.clean_shutdown", 1, 1, c => Shutdown(c, "clean_shutdown", "Running")),
        new("VM.hard_shutdown", 1, 1, c => Shutdown(c, "hard_shutdown", "Paused", "Suspended", "Running")),
        new("VM.shutdown", 1, 1, c => Shutdown(c, "shutdown", "Paused", "Suspended", "Running")),
        new("VM.clean_reboot", 1, 1, c => Reboot(c, "clean_reboot", "Running")),
        new("VM.hard_reboot", 1, 1, c => Reboot(c, "hard_reboot", "Paused", "Running")),
        new("VM.pause", 1, 1, c => Transition(c, "pause", "Running", "Paused")),
        new("VM.unpause", 1, 1, c => Transition(c, "unpause", "Paused", "Running")),
        new("VM.suspend", 1, 1, Suspend),
        new("VM.resume", 3, 3, Resume),
    ];

    private static object? Create(SimCall c)
    {
        var r = new RecordArgs(c.Struct(0, "args"));
        var vm = new VmObject
        {
            Ref = SimIds.NewRef(),
            Uuid = SimIds.NewUuid(),
            NameLabel = r.Str("name_label", ""),
            NameDescription = r.Str("name_description", ""),
            UserVersion = r.Long("user_version", 1),
            IsATemplate = r.Bool("is_a_template", false),
            Affinity = OpaqueRefs.IsNull(r.Str("affinity", "")) ? OpaqueRefs.Null : r.Str("affinity"),
            MemoryStaticMax = r.Long("memory_static_max"),
            MemoryDynamicMax = r.Long("memory_dynamic_max"),
            MemoryDynamicMin = r.Long("memory_dynamic_min"),
            MemoryStaticMin = r.Long("memory_static_min"),
            VcpusParams = r.Map("VCPUs_params"),
            VcpusMax = r.Long("VCPUs_max"),
            VcpusAtStartup = r.Long("VCPUs_at_startup"),
            ActionsAfterShutdown = r.Str("actions_after_shutdown", "destroy").ToLowerInvariant(),
            ActionsAfterReboot = r.Str("actions_after_reboot", "restart").ToLowerInvariant(),
            ActionsAfterCrash = r.Str("actions_after_crash", "restart").ToLowerInvariant(),
            PvBootloader = r.Str("PV_bootloader", ""),
            PvKernel = r.Str("PV_kernel", ""),
            PvRamdisk = r.Str("PV_ramdisk", ""),
            PvArgs = r.Str("PV_args", ""),
            PvBootloaderArgs = r.Str("PV_bootloader_args", ""),
            PvLegacyArgs = r.Str("PV_legacy_args", ""),
            HvmBootPolicy = r.Str("HVM_boot_policy", ""),
            HvmBootParams = r.Map("HVM_boot_params"),
            Platform = r.Map("platform"),
            PciBus = r.Str("PCI_bus", ""),
            OtherConfig = r.Map("other_config"),
            Recommendations = r.Str("recommendations", ""),
            XenstoreData = r.Map("xenstore_data"),
            HaAlwaysRun = r.Bool("ha_always_run", false),
            HaRestartPriority = r.Str("ha_restart_priority", ""),
            Tags = r.Strings("tags"),
        };
        vm.MemoryTarget = r.Long("memory_target", vm.MemoryDynamicMax);

        // NOTE(xenapi): XAPI's VM.create ignores blocked_operations; callers set it afterwards.
        if (!(vm.MemoryStaticMin <= vm.MemoryDynamicMin && vm.MemoryDynamicMin <= vm.MemoryDynamicMax && vm.MemoryDynamicMax <= vm.MemoryStaticMax))
        {
            throw new XenApiFailure("MEMORY_CONSTRAINT_VIOLATION", ["Memory limits must satisfy: static_min <= dynamic_min <= dynamic_max <= static_max"]);
        }

        if (vm.VcpusAtStartup < 1 || vm.VcpusAtStartup > vm.VcpusMax)
        {
            throw new XenApiFailure(XenApiErrorCodes.InvalidValue, ["VCPUs_at_startup", vm.VcpusAtStartup.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        c.Db.Vms.Add(vm);
        return vm.Ref;
    }

    private static object? Destroy(SimCall c)
    {
        var vm = c.Obj(c.Db.Vms, 0);
        PowerRules.Check(vm, "destroy", "Halted", "Suspended");
        foreach (var vbd in c.Db.Vbds.All.Where(b => b.Vm == vm.Ref).ToList())
        {
            c.Db.Vbds.Remove(vbd.Ref);
        }

        foreach (var console in c.Db.Consoles.All.Where(k => k.Vm == vm.Ref).ToList())
        {
            c.Db.Consoles.Remove(console.Ref);
        }

        c.Db.Vms.Remove(vm.Ref);
        return "";
    }

    private object? Start(SimCall c, string operation, bool paused)
    {
        var vm = c.Obj(c.Db.Vms, 0);
        PowerRules.Check(vm, operation, "Halted");
        Domains.Start(c.Db, vm, paused, options.Value.Address);
        return "";
    }

    private object? StartOn(SimCall c)
    {
        var vm = c.Obj(c.Db.Vms, 0);
        var host = c.Obj(c.Db.Hosts, 1);
        PowerRules.Check(vm, "start_on", "Halted");
        Domains.Start(c.Db, vm, c.Bool(2, "start_paused"), options.Value.Address);
        vm.ResidentOn = host.Ref;
        return "";
    }

    private object? Shutdown(SimCall c, string operation, params string[] allowed)
    {
        var vm = c.Obj(c.Db.Vms, 0);
        PowerRules.Check(vm, operation, allowed);
        if (vm.PowerState == "Suspended")
        {
            // NOTE(xenapi): as xapi_vm.ml hard_shutdown: a suspended VM has no domain; its suspend image goes.
            suspendImages.Destroy(c.Db, vm);
        }

        Domains.Stop(c.Db, vm);
        return "";
    }

    private static object? Reboot(SimCall c, string operation, params string[] allowed)
    {
        var vm = c.Obj(c.Db.Vms, 0);
        PowerRules.Check(vm, operation, allowed);
        Domains.Reboot(c.Db, vm);
        return "";
    }

    private static object? Transition(SimCall c, string operation, string from, string to)
    {
        var vm = c.Obj(c.Db.Vms, 0);
        PowerRules.Check(vm, operation, from);
        vm.PowerState = to;
        return "";
    }

    private object? Suspend(SimCall c)
    {
        var vm = c.Obj(c.Db.Vms, 0);
        PowerRules.Check(vm, "suspend", "Running");
        suspendImages.Create(c.Db, vm);
        Domains.Stop(c.Db, vm);
        vm.PowerState = "Suspended";
        return "";
    }

    private object? Resume(SimCall c)
    {
        var vm = c.Obj(c.Db.Vms, 0);
        PowerRules.Check(vm, "resume", "Suspended");
        _ = c.Bool(2, "force");
        Domains.Start(c.Db, vm, c.Bool(1, "start_paused"), options.Value.Address);
        suspendImages.Destroy(c.Db, vm);
        return "";
    }
}
