using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>VM and VBD operations of the driver. An instance's VM is the one whose <c>other_config["nova_uuid"]</c> is its uuid.</summary>
public sealed class VmOps(XenApiHost xen)
{
    /// <summary>other_config key carrying the instance uuid (what operators of Nova's driver expect).</summary>
    public const string InstanceKey = "nova_uuid";

    private const long MiB = 1L << 20;

    /// <summary>Every VM of this control plane: not a template, snapshot or control domain, with a parseable <c>nova_uuid</c>.</summary>
    public async Task<List<(VmRef Ref, VmRecord Record, Guid InstanceId)>> ListOursAsync(CancellationToken ct)
    {
        var all = await xen.Session.Vm.GetAllRecordsWhereAsync(
            "field \"is_control_domain\"=\"false\" and field \"is_a_template\"=\"false\"", ct).ConfigureAwait(false);
        var ours = new List<(VmRef, VmRecord, Guid)>();
        foreach (var (vmRef, record) in all)
        {
            if (!record.IsASnapshot && record.OtherConfig.TryGetValue(InstanceKey, out var text) && Guid.TryParse(text, out var id))
            {
                ours.Add((vmRef, record, id));
            }
        }

        return ours;
    }

    /// <summary>The instance's own VMs (normally one; a crashed spawn retried elsewhere may leave more), never its rescue
    /// VM. Looked up by name first; a renamed VM is found by its uuid marker.</summary>
    public async Task<List<(VmRef Ref, VmRecord Record)>> FindAsync(VirtInstance instance, CancellationToken ct)
    {
        var byName = await FindByLabelAsync(instance, instance.InstanceName, ct).ConfigureAwait(false);
        if (byName.Count > 0)
        {
            return byName;
        }

        return [.. (await ListOursAsync(ct).ConfigureAwait(false))
            .Where(v => v.InstanceId == instance.InstanceId && v.Record.NameLabel != instance.RescueName)
            .Select(v => (v.Ref, v.Record))];
    }

    /// <summary>The instance's rescue VMs: named <see cref="VirtInstance.RescueName"/> and carrying its uuid marker.</summary>
    public Task<List<(VmRef Ref, VmRecord Record)>> FindRescueAsync(VirtInstance instance, CancellationToken ct) =>
        FindByLabelAsync(instance, instance.RescueName, ct);

    /// <summary>The instance's VMs kept as <c>&lt;name&gt;-orig</c> by a resize or cold migration (Nova's B.1 name).</summary>
    public Task<List<(VmRef Ref, VmRecord Record)>> FindOriginalAsync(VirtInstance instance, CancellationToken ct) =>
        FindByLabelAsync(instance, OriginalName(instance), ct);

    /// <summary>The name-label of the source VM while its instance is being resized or migrated.</summary>
    public static string OriginalName(VirtInstance instance) => instance.InstanceName + "-orig";

    /// <summary><c>VM.set_name_label</c>.</summary>
    public Task RenameAsync(VmRef vm, string nameLabel, CancellationToken ct) => xen.Session.Vm.SetNameLabelAsync(vm, nameLabel, ct);

    /// <summary>VM.create with Nova's record: memory static/dynamic min/max = flavor, VCPUs, PV boot through pygrub;
    /// <paramref name="nameLabel"/> is the instance name (or its rescue name for the rescue VM).</summary>
    public async Task<VmRef> CreateAsync(VirtInstance instance, string nameLabel, CancellationToken ct)
    {
        var memory = instance.MemoryMb * MiB;
        var record = new VmRecord
        {
            NameLabel = nameLabel,
            NameDescription = "",
            MemoryStaticMin = 0,
            MemoryStaticMax = memory,
            MemoryDynamicMin = memory,
            MemoryDynamicMax = memory,
            MemoryTarget = memory,
            VcpusMax = instance.Vcpus,
            VcpusAtStartup = instance.Vcpus,
            VcpusParams = new() { ["weight"] = "256" },
            Platform = new() { ["acpi"] = "true", ["apic"] = "true", ["pae"] = "true", ["viridian"] = "false", ["timeoffset"] = "0", ["nx"] = "true" },
            OtherConfig = new() { [InstanceKey] = instance.InstanceId.ToString("D") },
            XenstoreData = new() { ["vm-data/allowvssprovider"] = "false" },
            PvBootloader = "pygrub",
            ActionsAfterShutdown = "destroy",
            ActionsAfterReboot = "restart",
            ActionsAfterCrash = "destroy",
        };
        return await xen.Session.Vm.CreateAsync(record, ct).ConfigureAwait(false);
    }

    /// <summary>A read-write disk at <paramref name="userdevice"/> (<c>"0"</c> for the bootable root, Nova's
    /// <c>DEVICE_ROOT</c>; <c>"1"</c> for the instance's root on its rescue VM, <c>DEVICE_RESCUE</c>).</summary>
    public async Task AttachDiskAsync(VmRef vm, VdiRef vdi, string userdevice, bool bootable, CancellationToken ct) =>
        await xen.Session.Vbd.CreateAsync(new VbdRecord
        {
            Vm = vm,
            Vdi = vdi,
            Userdevice = userdevice,
            Bootable = bootable,
            Mode = VbdMode.RW,
            Type = VbdType.Disk,
            Unpluggable = true,
            Empty = false,
        }, ct).ConfigureAwait(false);

    /// <summary>other_config key of the VM's latest domid, kept while it is halted (Nova's <c>_update_last_dom_id</c>):
    /// the console log of a stopped VM is read by it.</summary>
    public const string LastDomIdKey = "last_dom_id";

    /// <summary>VM.start_on(this host), not paused, not forced (as Nova), then records the domid.</summary>
    public async Task StartAsync(VmRef vm, CancellationToken ct)
    {
        await xen.Session.Vm.StartOnAsync(vm, xen.Host, false, false, ct).ConfigureAwait(false);
        await RecordLastDomIdAsync(vm, ct).ConfigureAwait(false);
    }

    /// <summary>Records the running domain's id as <see cref="LastDomIdKey"/> (after a start or a reboot).</summary>
    public async Task RecordLastDomIdAsync(VmRef vm, CancellationToken ct)
    {
        var domid = (await xen.Session.Vm.GetRecordAsync(vm, ct).ConfigureAwait(false)).Domid;
        if (domid >= 0)
        {
            await xen.Session.Vm.RemoveFromOtherConfigAsync(vm, LastDomIdKey, ct).ConfigureAwait(false);
            await xen.Session.Vm.AddToOtherConfigAsync(vm, LastDomIdKey, domid.ToString(System.Globalization.CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        }
    }

    public async Task<VmPowerState> PowerStateAsync(VmRef vm, CancellationToken ct) =>
        await xen.Session.Vm.GetPowerStateAsync(vm, ct).ConfigureAwait(false);

    public Task HardShutdownAsync(VmRef vm, CancellationToken ct) => xen.Session.Vm.HardShutdownAsync(vm, ct);

    public async Task HardRebootAsync(VmRef vm, CancellationToken ct)
    {
        await xen.Session.Vm.HardRebootAsync(vm, ct).ConfigureAwait(false);
        await RecordLastDomIdAsync(vm, ct).ConfigureAwait(false);
    }

    /// <summary>Destroys the VBD at <paramref name="userdevice"/> of the (halted) VM; returns the VDI it pointed at, or
    /// null when there is none.</summary>
    public async Task<VdiRef?> DetachDiskAtAsync(VmRef vm, string userdevice, CancellationToken ct)
    {
        foreach (var vbd in await xen.Session.Vm.GetVbdsAsync(vm, ct).ConfigureAwait(false))
        {
            var record = await xen.Session.Vbd.GetRecordAsync(vbd, ct).ConfigureAwait(false);
            if (record.Userdevice == userdevice)
            {
                await xen.Session.Vbd.DestroyAsync(vbd, ct).ConfigureAwait(false);
                return record.Vdi.IsNull ? null : record.Vdi;
            }
        }

        return null;
    }

    /// <summary>Runs <c>Async.VM.clean_shutdown</c> / <c>clean_reboot</c>; false when it did not finish within <paramref name="timeout"/> (the task is cancelled).</summary>
    public async Task<bool> TryCleanAsync(VmRef vm, string operation, TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        var task = await xen.Session.CallAsyncTaskAsync("VM." + operation, [vm], ct).ConfigureAwait(false);
        using var timer = new CancellationTokenSource(timeout, clock);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await xen.Session.Task.WaitAsync(task, both.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            await CancelQuietlyAsync(task).ConfigureAwait(false);
            return false;
        }
        finally
        {
            await DestroyTaskQuietlyAsync(task).ConfigureAwait(false);
        }
    }

    /// <summary>Destroys the VM's VBDs then the VM. Returns the VDIs the VBDs pointed at.</summary>
    public async Task<List<VdiRef>> DestroyAsync(VmRef vm, CancellationToken ct)
    {
        var disks = new List<VdiRef>();
        foreach (var vbd in await xen.Session.Vm.GetVbdsAsync(vm, ct).ConfigureAwait(false))
        {
            try
            {
                var record = await xen.Session.Vbd.GetRecordAsync(vbd, ct).ConfigureAwait(false);
                if (!record.Vdi.IsNull)
                {
                    disks.Add(record.Vdi);
                }

                await xen.Session.Vbd.DestroyAsync(vbd, ct).ConfigureAwait(false);
            }
            catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.HandleInvalid)
            {
                continue;
            }
        }

        await xen.Session.Vm.DestroyAsync(vm, ct).ConfigureAwait(false);
        return disks;
    }

    /// <summary>The VDI behind the VM's VBD at <paramref name="userdevice"/>, or null (a VBD gone meanwhile is skipped).</summary>
    public async Task<VdiRef?> DiskAtAsync(VmRecord vm, string userdevice, CancellationToken ct)
    {
        foreach (var vbd in vm.Vbds)
        {
            try
            {
                var record = await xen.Session.Vbd.GetRecordAsync(vbd, ct).ConfigureAwait(false);
                if (record.Userdevice == userdevice && !record.Vdi.IsNull)
                {
                    return record.Vdi;
                }
            }
            catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.HandleInvalid)
            {
                continue;
            }
        }

        return null;
    }

    /// <summary>The VDIs behind all of the VM's VBDs.</summary>
    public async Task<HashSet<VdiRef>> DisksAsync(VmRef vm, CancellationToken ct)
    {
        var disks = new HashSet<VdiRef>();
        foreach (var vbd in await xen.Session.Vm.GetVbdsAsync(vm, ct).ConfigureAwait(false))
        {
            try
            {
                var vdi = (await xen.Session.Vbd.GetRecordAsync(vbd, ct).ConfigureAwait(false)).Vdi;
                if (!vdi.IsNull)
                {
                    disks.Add(vdi);
                }
            }
            catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.HandleInvalid)
            {
                continue;
            }
        }

        return disks;
    }

    private async Task<List<(VmRef Ref, VmRecord Record)>> FindByLabelAsync(VirtInstance instance, string label, CancellationToken ct)
    {
        var id = instance.InstanceId.ToString("D");
        var found = new List<(VmRef, VmRecord)>();
        foreach (var vm in await xen.Session.Vm.GetByNameLabelAsync(label, ct).ConfigureAwait(false))
        {
            try
            {
                var record = await xen.Session.Vm.GetRecordAsync(vm, ct).ConfigureAwait(false);
                if (record.OtherConfig.GetValueOrDefault(InstanceKey) == id && !record.IsASnapshot && !record.IsATemplate)
                {
                    found.Add((vm, record));
                }
            }
            catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.HandleInvalid)
            {
                continue;
            }
        }

        return found;
    }

    private async Task CancelQuietlyAsync(TaskRef task)
    {
        try
        {
            await xen.Session.Task.CancelAsync(task, CancellationToken.None).ConfigureAwait(false);
        }
        catch (XenApiFailure)
        {
            // The task finished or vanished meanwhile: nothing left to cancel.
            return;
        }
    }

    private async Task DestroyTaskQuietlyAsync(TaskRef task)
    {
        try
        {
            await xen.Session.Task.DestroyAsync(task, CancellationToken.None).ConfigureAwait(false);
        }
        catch (XenApiFailure)
        {
            // Already destroyed (XAPI also expires finished tasks).
            return;
        }
    }
}
