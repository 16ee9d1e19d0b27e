using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.Compute.Virt.XenApi.Images;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>
/// Rescue and unrescue (reference C.1, C.4): a <c>&lt;name&gt;-rescue</c> VM boots a clone of the rescue image at
/// userdevice 0 with the instance's root VDI at userdevice 1 while the instance's VM is halted and bootlocked
/// (<c>blocked_operations</c> <c>start</c> and <c>start_on</c>). Unrescue destroys the rescue VM and the disks only it
/// used, lifts the bootlock and starts the instance.
/// </summary>
public sealed class RescueOps(XenApiHost xen, VmOps vms, VdiOps vdis, PowerOps power, ImageImport images, TimeProvider clock, ILogger logger)
{
    /// <summary>The operations the bootlock blocks (XAPI checks the exact operation: the driver starts with <c>start_on</c>).</summary>
    public static readonly IReadOnlyList<string> BootlockedOperations = ["start", "start_on"];

    private const string RescueDevice = "1";

    public async Task RescueAsync(VirtInstance instance, Guid rescueImageId, IImageSource source, TimeSpan cleanShutdownTimeout, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var (vm, record) = await RequireOriginalAsync(instance, ct).ConfigureAwait(false);
        if (await StateAsync(instance, record, ct).ConfigureAwait(false) != RescueState.NotRescued)
        {
            throw new InstanceRescueModeException(instance.InstanceId, rescued: true);
        }

        var wasRunning = record.PowerState == VmPowerState.Running;
        try
        {
            var root = await vms.DiskAtAsync(record, "0", ct).ConfigureAwait(false)
                ?? throw new DriverOperationException($"Unable to find root VBD/VDI for {instance.InstanceName}", retryable: false);

            // The rescue disk first: a bad rescue image fails the rescue before the instance is touched.
            var rescueRoot = await images.NewDiskAsync(rescueImageId, source, ct).ConfigureAwait(false);
            await vdis.MarkInstanceDiskAsync(rescueRoot, instance, VdiOps.RescueDiskType, CancellationToken.None).ConfigureAwait(false);

            await power.PowerOffAsync(vm, instance.InstanceId, cleanShutdownTimeout, ct).ConfigureAwait(false);
            await BootlockAsync(vm, ct).ConfigureAwait(false);
            var rescueVm = await vms.CreateAsync(instance, instance.RescueName, ct).ConfigureAwait(false);
            await vms.AttachDiskAsync(rescueVm, rescueRoot, "0", bootable: true, ct).ConfigureAwait(false);
            await vms.AttachDiskAsync(rescueVm, root, RescueDevice, bootable: false, ct).ConfigureAwait(false);
            await vms.StartAsync(rescueVm, ct).ConfigureAwait(false);
            XenApiDriverLog.Rescued(logger, instance.InstanceId, instance.RescueName, rescueImageId, (long)clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            XenApiDriverLog.RescueRollingBack(logger, instance.InstanceId, e.Message);
            await RollBackAsync(instance, wasRunning).ConfigureAwait(false);
            throw;
        }
    }

    public async Task UnrescueAsync(VirtInstance instance, bool powerOn, CancellationToken ct)
    {
        var (vm, record) = await RequireOriginalAsync(instance, ct).ConfigureAwait(false);
        if (await StateAsync(instance, record, ct).ConfigureAwait(false) == RescueState.NotRescued)
        {
            throw new InstanceRescueModeException(instance.InstanceId, rescued: false);
        }

        await TearDownAsync(instance, vm, powerOn, ct).ConfigureAwait(false);
    }

    public async Task<RescueState> GetStateAsync(VirtInstance instance, CancellationToken ct)
    {
        var (_, record) = await RequireOriginalAsync(instance, ct).ConfigureAwait(false);
        return await StateAsync(instance, record, ct).ConfigureAwait(false);
    }

    /// <summary>Rescued: one running rescue VM, the instance halted and bootlocked. Not rescued: none of it and no rescue disk.</summary>
    private async Task<RescueState> StateAsync(VirtInstance instance, VmRecord original, CancellationToken ct)
    {
        var rescueVms = await vms.FindRescueAsync(instance, ct).ConfigureAwait(false);
        var locked = BootlockedOperations.Count(original.BlockedOperations.ContainsKey);
        if (rescueVms.Count == 0 && locked == 0
            && (await vdis.FindInstanceDisksAsync(instance.InstanceId, ct, VdiOps.RescueDiskType).ConfigureAwait(false)).Count == 0)
        {
            return RescueState.NotRescued;
        }

        return rescueVms is [{ Record.PowerState: VmPowerState.Running }] && locked == BootlockedOperations.Count
            && original.PowerState == VmPowerState.Halted
            ? RescueState.Rescued
            : RescueState.Partial;
    }

    /// <summary>Destroys the rescue VMs and every disk only they use (never the instance's, never a cached image), lifts
    /// the bootlock and optionally starts the instance. Each step tolerates its work being done already.</summary>
    private async Task TearDownAsync(VirtInstance instance, VmRef original, bool powerOn, CancellationToken ct)
    {
        var keep = await vms.DisksAsync(original, ct).ConfigureAwait(false);
        var doomed = new HashSet<VdiRef>(await vdis.FindInstanceDisksAsync(instance.InstanceId, ct, VdiOps.RescueDiskType).ConfigureAwait(false));
        var vmCount = 0;
        foreach (var (rescueVm, record) in await vms.FindRescueAsync(instance, ct).ConfigureAwait(false))
        {
            if (record.PowerState != VmPowerState.Halted)
            {
                await power.HardShutdownAsync(rescueVm, ct).ConfigureAwait(false);
            }

            doomed.UnionWith(await vms.DestroyAsync(rescueVm, ct).ConfigureAwait(false));
            vmCount++;
        }

        var vdiCount = 0;
        foreach (var vdi in doomed.Where(d => !keep.Contains(d)))
        {
            if (!await vdis.IsCachedImageAsync(vdi, ct).ConfigureAwait(false) && await vdis.DestroyAsync(vdi, ct).ConfigureAwait(false))
            {
                vdiCount++;
            }
        }

        foreach (var operation in BootlockedOperations)
        {
            await xen.Session.Vm.RemoveFromBlockedOperationsAsync(original, operation, ct).ConfigureAwait(false);
        }

        if (powerOn)
        {
            await power.PowerOnAsync(original, ct).ConfigureAwait(false);
        }

        XenApiDriverLog.Unrescued(logger, instance.InstanceId, vmCount, vdiCount, powerOn);
    }

    /// <summary>Adds the bootlock to whatever else the VM has blocked (<c>set</c> of the merged map: repeatable).</summary>
    private async Task BootlockAsync(VmRef vm, CancellationToken ct)
    {
        var blocked = (await xen.Session.Vm.GetRecordAsync(vm, ct).ConfigureAwait(false)).BlockedOperations;
        foreach (var operation in BootlockedOperations)
        {
            blocked[operation] = "";
        }

        await xen.Session.Vm.SetBlockedOperationsAsync(vm, blocked, ct).ConfigureAwait(false);
    }

    private async Task RollBackAsync(VirtInstance instance, bool powerOn)
    {
        try
        {
            var (vm, _) = await RequireOriginalAsync(instance, CancellationToken.None).ConfigureAwait(false);
            await TearDownAsync(instance, vm, powerOn, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is XenApiFailure or XenApiProtocolException or HttpRequestException or VirtDriverException)
        {
            XenApiDriverLog.CleanupFailed(logger, $"the failed rescue of {instance.InstanceName}", e.Message);
        }
    }

    private async Task<(VmRef Ref, VmRecord Record)> RequireOriginalAsync(VirtInstance instance, CancellationToken ct)
    {
        var found = await vms.FindAsync(instance, ct).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : throw new InstanceNotFoundException(instance.InstanceId);
    }
}
