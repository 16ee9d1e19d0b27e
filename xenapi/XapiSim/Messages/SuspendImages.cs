using System.Text;
using ControlPlane.XenApi.Refs;
using XapiSim.Gc;
using XapiSim.State;
using XapiSim.Storage;

namespace XapiSim.Messages;

/// <summary>
/// The suspend image of a suspended VM (XAPI <c>xapi_xenops.ml suspend</c>): a VDI of type <c>suspend</c>, name
/// "Suspend image", <c>max(memory_static_max × 1.2 × 1.05, 100 MiB)</c> bytes, in the SR, referenced by the VM's
/// <c>suspend_VDI</c>. <c>VM.resume</c> and <c>VM.hard_shutdown</c> of a suspended VM destroy it and set the field
/// back to <c>OpaqueRef:NULL</c>; <c>VM.destroy</c> does not (XAPI's <c>Xapi_vm_helpers.destroy</c> leaves VDIs alone).
/// </summary>
public sealed class SuspendImages(SrStorage storage, SrSpace space, SrGarbageCollector gc)
{
    private const long MinimumBytes = 100L << 20;

    /// <summary>Creates the image of <paramref name="vm"/> and records it as its <c>suspend_VDI</c>.</summary>
    public VdiObject Create(SimDatabase db, VmObject vm)
    {
        var wanted = Math.Max((long)(vm.MemoryStaticMax * 1.2 * 1.05), MinimumBytes);
        var size = SrStorage.RoundSize(Math.Min(wanted, SrStorage.MaxVirtualSize));
        var header = Encoding.ASCII.GetBytes($"XapiSim suspend image of VM {vm.Uuid} domid {vm.Domid}\n");
        space.Ensure(db, header.Length + 4096 + size / SrStorage.SizeQuantum * 4);
        var uuid = SimIds.NewUuid();
        storage.CreateDynamic(uuid, size);
        using (var content = new MemoryStream(header))
        {
            storage.WriteRaw(uuid, content);
        }

        var vdi = VdiRecords.New(db, storage.Inspect(uuid), "Suspend image");
        vdi.NameDescription = "Suspend image";
        vdi.Type = "suspend";
        vdi.SmConfig["vm_hint"] = vm.Uuid;
        vm.SuspendVdi = vdi.Ref;
        return vdi;
    }

    /// <summary>Destroys the VM's suspend image if it has one (a vanished VDI is forgotten all the same).</summary>
    public void Destroy(SimDatabase db, VmObject vm)
    {
        if (db.Vdis.Find(vm.SuspendVdi) is { } vdi)
        {
            storage.Delete(vdi.Uuid);
            db.Vdis.Remove(vdi.Ref);
            gc.Kick();
        }

        vm.SuspendVdi = OpaqueRefs.Null;
    }
}
