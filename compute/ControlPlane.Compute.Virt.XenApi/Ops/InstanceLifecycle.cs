using System.Diagnostics;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.Compute.Virt.XenApi.Errors;
using ControlPlane.Compute.Virt.XenApi.Images;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>Spawn (root disk from the cached image, VM, VBD, start_on) and destroy (its VMs, the rescue VM included, their
/// VBDs, the instance's own VDIs).</summary>
public sealed class InstanceLifecycle(VmOps vms, VdiOps vdis, HostOps host, PowerOps power, ImageImport images, ILogger logger)
{
    private const long GiB = 1L << 30;

    public async Task SpawnAsync(VirtInstance instance, IImageSource source, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if ((await vms.FindAsync(instance, ct).ConfigureAwait(false)).Count > 0)
        {
            throw new InstanceExistsException(instance.InstanceId);
        }

        await EnsureFreeMemoryAsync(instance, ct).ConfigureAwait(false);
        var root = await CreateRootDiskAsync(instance, source, ct).ConfigureAwait(false);
        try
        {
            await CreateVmAsync(instance, root, start: true, ct).ConfigureAwait(false);
        }
        catch (XenApiFailure f) when (f.Code == XenApiFailureMapper.HostNotEnoughFreeMemory)
        {
            // The contract: a capacity failure leaves nothing behind.
            await DestroyAsync(instance, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var vmUuid = (await vms.FindAsync(instance, ct).ConfigureAwait(false)).Select(v => v.Record.Uuid).FirstOrDefault() ?? "";
        XenApiDriverLog.Spawned(logger, instance.InstanceId, instance.InstanceName, vmUuid,
            await vdis.UuidAsync(root, ct).ConfigureAwait(false), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary><see cref="InsufficientResourcesException"/> (nothing created) when the host's free memory is below the flavor's.</summary>
    public async Task EnsureFreeMemoryAsync(VirtInstance instance, CancellationToken ct)
    {
        var free = await host.FreeMemoryAsync(ct).ConfigureAwait(false);
        if (instance.MemoryMb * (1L << 20) > free)
        {
            throw new InsufficientResourcesException($"Host has {free >> 20} MiB free, {instance.InstanceName} needs {instance.MemoryMb} MiB.");
        }
    }

    /// <summary>
    /// The one VM-creation path (spawn and finish_migration): <c>VM.create</c> named after the instance with its
    /// flavor, the root VBD (userdevice 0, bootable), then <c>VM.start_on</c> when <paramref name="start"/>. A start
    /// that fails destroys the VM (not its disks) and rethrows.
    /// </summary>
    public async Task<VmRef> CreateVmAsync(VirtInstance instance, VdiRef root, bool start, CancellationToken ct)
    {
        var vm = await vms.CreateAsync(instance, instance.InstanceName, ct).ConfigureAwait(false);
        try
        {
            await vms.AttachDiskAsync(vm, root, "0", bootable: true, ct).ConfigureAwait(false);
            if (start)
            {
                await vms.StartAsync(vm, ct).ConfigureAwait(false);
            }
        }
        catch
        {
            await vms.DestroyAsync(vm, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return vm;
    }

    public async Task DestroyAsync(VirtInstance instance, CancellationToken ct)
    {
        var vmCount = 0;

        // The rescue VM first: it holds the instance's root disk (reference C.5).
        var all = await vms.FindRescueAsync(instance, ct).ConfigureAwait(false);
        all.AddRange(await vms.FindAsync(instance, ct).ConfigureAwait(false));
        foreach (var (vm, record) in all)
        {
            if (record.PowerState != VmPowerState.Halted)
            {
                await power.HardShutdownAsync(vm, ct).ConfigureAwait(false);
            }

            try
            {
                await vms.DestroyAsync(vm, ct).ConfigureAwait(false);
                vmCount++;
            }
            catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.HandleInvalid)
            {
                continue;
            }
        }

        var vdiCount = 0;
        foreach (var vdi in await vdis.FindInstanceDisksAsync(instance.InstanceId, ct).ConfigureAwait(false))
        {
            vdiCount += await vdis.DestroyAsync(vdi, ct).ConfigureAwait(false) ? 1 : 0;
        }

        if (vmCount + vdiCount > 0)
        {
            XenApiDriverLog.Destroyed(logger, instance.InstanceId, vmCount, vdiCount);
        }
    }

    /// <summary>A new root disk of <see cref="VirtInstance.ImageId"/> (a clone of the cached image), marked as the instance's,
    /// grown to the flavor's root size; non-retryable failure when the image is larger than the flavor's disk.</summary>
    public async Task<VdiRef> CreateRootDiskAsync(VirtInstance instance, IImageSource source, CancellationToken ct)
    {
        var root = await images.NewDiskAsync(instance.ImageId, source, ct).ConfigureAwait(false);

        // Marked at once (whatever the caller's token says) so that a destroy finds it.
        await vdis.MarkInstanceDiskAsync(root, instance, "root", CancellationToken.None).ConfigureAwait(false);
        var wanted = instance.RootGb * GiB;
        var imageSize = await vdis.VirtualSizeAsync(root, ct).ConfigureAwait(false);
        if (instance.RootGb > 0 && imageSize > wanted)
        {
            throw new DriverOperationException(
                $"Flavor disk ({instance.RootGb} GiB) is smaller than image {instance.ImageId} ({imageSize} bytes).", retryable: false);
        }

        await vdis.GrowAsync(root, wanted, ct).ConfigureAwait(false);
        return root;
    }
}
