using System.Diagnostics;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.XenApi.Enums;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>
/// Rebuild in place (Nova's default rebuild on XenAPI: the root disk destroyed, a new one spawned from the new image),
/// keeping the VM (its uuid, other_config and VNC console identity) on this host: hard shutdown, the VBD at device 0
/// and its VDI destroyed (never a cached image), a new root disk of the image attached bootable at device 0, start.
/// </summary>
public sealed class RebuildOps(VmOps vms, VdiOps vdis, PowerOps power, InstanceLifecycle lifecycle, ILogger logger)
{
    /// <summary>See <see cref="IRebuildDriver.RebuildAsync"/>.</summary>
    public async Task RebuildAsync(VirtInstance instance, IImageSource source, bool powerOn, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var found = await vms.FindAsync(instance, ct).ConfigureAwait(false);
        var (vm, record) = found.Count > 0 ? found[0] : throw new InstanceNotFoundException(instance.InstanceId);
        if ((await vms.FindRescueAsync(instance, ct).ConfigureAwait(false)).Count > 0)
        {
            throw new InstanceRescueModeException(instance.InstanceId, rescued: true);
        }

        if (record.PowerState != VmPowerState.Halted)
        {
            await power.HardShutdownAsync(vm, ct).ConfigureAwait(false);
        }

        var old = await vms.DetachDiskAtAsync(vm, "0", ct).ConfigureAwait(false);
        if (old is { } oldRoot && !await vdis.IsCachedImageAsync(oldRoot, ct).ConfigureAwait(false))
        {
            await vdis.DestroyAsync(oldRoot, ct).ConfigureAwait(false);
        }

        var root = await lifecycle.CreateRootDiskAsync(instance, source, ct).ConfigureAwait(false);
        await vms.AttachDiskAsync(vm, root, "0", bootable: true, ct).ConfigureAwait(false);
        if (powerOn)
        {
            await vms.StartAsync(vm, ct).ConfigureAwait(false);
        }

        XenApiDriverLog.Rebuilt(logger, instance.InstanceId, record.Uuid, instance.ImageId,
            await vdis.UuidAsync(root, ct).ConfigureAwait(false), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
