using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using XapiSim.Console;
using XapiSim.State;

namespace XapiSim.Messages;

/// <summary>What happens to a simulated domain when a VM starts or stops: domid, residency, attached VBDs, console.</summary>
internal static class Domains
{
    public static void Start(SimDatabase db, VmObject vm, bool paused, string address)
    {
        if (vm.IsATemplate)
        {
            throw new XenApiFailure(XenApiErrorCodes.VmIsTemplate, [vm.Ref]);
        }

        var free = db.Host.MemoryFree(db);
        if (vm.MemoryStaticMax > free)
        {
            throw new XenApiFailure("HOST_NOT_ENOUGH_FREE_MEMORY", [Invariant(vm.MemoryStaticMax), Invariant(free)]);
        }

        foreach (var vbd in db.Vbds.All.Where(b => b.Vm == vm.Ref && !b.Empty))
        {
            var vdi = db.Vdis.Find(vbd.Vdi) ?? throw new XenApiFailure(XenApiErrorCodes.VdiMissing, [db.Sr.Ref, vbd.Vdi]);
            if (vdi.Missing)
            {
                throw new XenApiFailure(XenApiErrorCodes.VdiMissing, [vdi.Sr, vdi.Ref]);
            }
        }

        vm.Domid = db.NextDomid++;
        vm.ResidentOn = db.Host.Ref;
        vm.PowerState = paused ? "Paused" : "Running";
        vm.BootCount++;
        GuestConsoleLog.Boot(db, vm);
        foreach (var vbd in db.Vbds.All.Where(b => b.Vm == vm.Ref))
        {
            vbd.CurrentlyAttached = !vbd.Empty || vbd.Type == "CD";
            vbd.Device = DeviceName(vbd.Userdevice);
        }

        var console = new ConsoleObject { Ref = SimIds.NewRef(), Uuid = SimIds.NewUuid(), Vm = vm.Ref };
        console.Location = $"https://{address}/console?ref={console.Ref}";
        db.Consoles.Add(console);
    }

    public static void Stop(SimDatabase db, VmObject vm)
    {
        vm.Domid = -1;
        vm.ResidentOn = OpaqueRefs.Null;
        vm.PowerState = "Halted";
        foreach (var vbd in db.Vbds.All.Where(b => b.Vm == vm.Ref))
        {
            vbd.CurrentlyAttached = false;
        }

        foreach (var console in db.Consoles.All.Where(c => c.Vm == vm.Ref).ToList())
        {
            db.Consoles.Remove(console.Ref);
        }
    }

    /// <summary>A reboot keeps residency but gets a new domain.</summary>
    public static void Reboot(SimDatabase db, VmObject vm)
    {
        vm.Domid = db.NextDomid++;
        vm.PowerState = "Running";
        vm.BootCount++;
        GuestConsoleLog.Boot(db, vm);
    }

    /// <summary>userdevice "0" → xvda, "1" → xvdb, ...</summary>
    public static string DeviceName(string userdevice) =>
        int.TryParse(userdevice, out var n) && n is >= 0 and < 26 ? "xvd" + (char)('a' + n) : "";

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
