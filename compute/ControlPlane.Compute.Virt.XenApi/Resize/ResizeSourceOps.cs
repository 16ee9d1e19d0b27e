using System.Diagnostics;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.Compute.Virt.XenApi.Ops;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Resize;

/// <summary>
/// The source host's half of a resize or cold migration (reference B.4, B.5, B.9, B.10): rename to <c>-orig</c>,
/// snapshot with the coalesce wait, send the immutable chain members while the VM runs, shut it down (clean, then
/// hard), send the leaf; for a smaller root, shrink a local copy first (refusals before the VM is touched) and send
/// only the new disk. Any failure renames back, removes temporary disks and restarts a VM that was running.
/// </summary>
public sealed class ResizeSourceOps(XenApiHost xen, VmOps vms, VdiOps vdis, PowerOps power, SnapshotOps snapshots, RootShrinker shrinker,
    DiskSender sender, ILogger logger)
{
    private const long GiB = 1L << 30;

    /// <summary><see cref="Contract.IResizeDriver.MigrateDiskAndPowerOffAsync"/> on this (source) host.</summary>
    public async Task MigrateAsync(VirtInstance instance, VirtInstance newInstance, IMigrationDiskSink sink, TimeSpan cleanShutdownTimeout,
        IProgress<ResizeProgress> progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var (vm, record) = await FindSourceAsync(instance, ct).ConfigureAwait(false);
        var root = await vms.DiskAtAsync(record, "0", ct).ConfigureAwait(false)
            ?? throw new DriverOperationException($"No primary VDI found for {instance.InstanceName}", retryable: false);
        var rootBytes = await vdis.VirtualSizeAsync(root, ct).ConfigureAwait(false);
        long newBytes = newInstance.RootGb * GiB;
        if (newInstance.RootGb == 0 && instance.RootGb > 0)
        {
            throw new ResizeRefusedException("Can't resize a disk to 0 GB.");
        }

        bool shrink = newInstance.RootGb > 0 && newBytes < rootBytes;
        if (shrink)
        {
            // Refusals come before the VM is touched: a trial shrink of a crash-consistent copy.
            await TrialShrinkAsync(instance, record, rootBytes, newBytes, ct).ConfigureAwait(false);
        }

        var wasRunning = record.PowerState == VmPowerState.Running;
        await vms.RenameAsync(vm, VmOps.OriginalName(instance), ct).ConfigureAwait(false);
        VdiRef? snapshot = null;
        VdiRef? shrunk = null;
        try
        {
            int disks;
            if (shrink)
            {
                progress.Report(ResizeProgress.Snapshotted);
                await power.PowerOffAsync(vm, instance.InstanceId, cleanShutdownTimeout, ct).ConfigureAwait(false);
                progress.Report(ResizeProgress.ImmutableDisksSent);
                using (var copy = await shrinker.ShrinkCopyAsync(instance, root, rootBytes, newBytes, ct).ConfigureAwait(false))
                {
                    shrunk = await shrinker.WriteVdiAsync(copy, instance, sink.MigrationId, newBytes, ct).ConfigureAwait(false);
                }

                progress.Report(ResizeProgress.PoweredOff);
                await sender.SendAsync(instance.InstanceId, sink, new MigrationDisk(0, null, newBytes, IsLeaf: true), shrunk.Value, null, ct).ConfigureAwait(false);
                disks = 1;
            }
            else
            {
                var taken = await snapshots.TakeAsync(instance, record, (s, _) =>
                {
                    snapshot = s;
                    return Task.CompletedTask;
                }, ct).ConfigureAwait(false);
                progress.Report(ResizeProgress.Snapshotted);

                // Parents first: the base as one dynamic VHD, each later member as the delta from the one before.
                var immutable = taken.Chain.Skip(1).Reverse().ToList();
                for (var i = 0; i < immutable.Count; i++)
                {
                    var size = await vdis.VirtualSizeAsync(immutable[i], ct).ConfigureAwait(false);
                    await sender.SendAsync(instance.InstanceId, sink, new MigrationDisk(i, i == 0 ? null : i - 1, size, IsLeaf: false),
                        immutable[i], i == 0 ? null : immutable[i - 1], ct).ConfigureAwait(false);
                }

                if (immutable.Count > 0)
                {
                    progress.Report(ResizeProgress.ImmutableDisksSent);
                }

                await power.PowerOffAsync(vm, instance.InstanceId, cleanShutdownTimeout, ct).ConfigureAwait(false);
                progress.Report(ResizeProgress.PoweredOff);

                // The live leaf, re-read after the power-off; the snapshot still pins its parent (no coalesce meanwhile).
                var leaf = await vms.DiskAtAsync(await xen.Session.Vm.GetRecordAsync(vm, ct).ConfigureAwait(false), "0", ct).ConfigureAwait(false) ?? root;
                int n = immutable.Count;
                await sender.SendAsync(instance.InstanceId, sink, new MigrationDisk(n, n == 0 ? null : n - 1, rootBytes, IsLeaf: true),
                    leaf, n == 0 ? null : immutable[^1], ct).ConfigureAwait(false);
                disks = n + 1;
            }

            progress.Report(ResizeProgress.LeafSent);
            ResizeLog.SourceDone(logger, instance.InstanceId, sink.MigrationId, VmOps.OriginalName(instance), disks,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, shrink);
        }
        catch (Exception e)
        {
            await RollBackAsync(instance, vm, wasRunning, sink.MigrationId, e).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (snapshot is { } s)
            {
                await snapshots.DestroyQuietlyAsync(s).ConfigureAwait(false);
            }

            if (shrunk is { } d)
            {
                await DestroyQuietlyAsync(d, "the shrunk root VDI").ConfigureAwait(false);
            }
        }
    }

    /// <summary>Confirm: the <c>-orig</c> VM, the disks it used and the instance's leftover temporary disks (never a cached image).</summary>
    public async Task ConfirmAsync(VirtInstance instance, CancellationToken ct)
    {
        var removed = 0;
        foreach (var (vm, record) in await vms.FindOriginalAsync(instance, ct).ConfigureAwait(false))
        {
            if (record.PowerState != VmPowerState.Halted)
            {
                await power.HardShutdownAsync(vm, ct).ConfigureAwait(false);
            }

            foreach (var vdi in await vms.DestroyAsync(vm, ct).ConfigureAwait(false))
            {
                if (!await vdis.IsCachedImageAsync(vdi, ct).ConfigureAwait(false) && await vdis.DestroyAsync(vdi, ct).ConfigureAwait(false))
                {
                    removed++;
                }
            }
        }

        foreach (var type in new[] { SnapshotOps.SnapshotDiskType, MigrationMarks.ShrunkRole, "root" })
        {
            foreach (var vdi in await vdis.FindInstanceDisksAsync(instance.InstanceId, ct, type).ConfigureAwait(false))
            {
                // A root still attached belongs to a VM of the instance (a same-SR destination): left alone.
                if (type != "root" || (await xen.Session.Vdi.GetRecordAsync(vdi, ct).ConfigureAwait(false)).Vbds.Count == 0)
                {
                    removed += await vdis.DestroyAsync(vdi, ct).ConfigureAwait(false) ? 1 : 0;
                }
            }
        }

        ResizeLog.Confirmed(logger, instance.InstanceId, removed);
    }

    /// <summary>Revert (or abandon): <c>-orig</c> renamed back, temporary disks removed, started when <paramref name="powerOn"/>.</summary>
    public async Task RevertAsync(VirtInstance instance, bool powerOn, CancellationToken ct)
    {
        var originals = await vms.FindOriginalAsync(instance, ct).ConfigureAwait(false);
        VmRef vm;
        if (originals.Count > 0)
        {
            vm = originals[0].Ref;
            await vms.RenameAsync(vm, instance.InstanceName, ct).ConfigureAwait(false);
        }
        else
        {
            var found = await vms.FindAsync(instance, ct).ConfigureAwait(false);
            vm = found.Count > 0 ? found[0].Ref : throw new InstanceNotFoundException(instance.InstanceId);
        }

        foreach (var type in new[] { SnapshotOps.SnapshotDiskType, MigrationMarks.ShrunkRole })
        {
            foreach (var vdi in await vdis.FindInstanceDisksAsync(instance.InstanceId, ct, type).ConfigureAwait(false))
            {
                await vdis.DestroyAsync(vdi, ct).ConfigureAwait(false);
            }
        }

        if (powerOn)
        {
            await power.PowerOnAsync(vm, ct).ConfigureAwait(false);
        }

        ResizeLog.Reverted(logger, instance.InstanceId, originals.Count > 0, powerOn);
    }

    /// <summary>True while the instance's VM is kept as <c>-orig</c>.</summary>
    public async Task<bool> HasOriginalAsync(VirtInstance instance, CancellationToken ct) =>
        (await vms.FindOriginalAsync(instance, ct).ConfigureAwait(false)).Count > 0;

    private async Task<(VmRef Ref, VmRecord Record)> FindSourceAsync(VirtInstance instance, CancellationToken ct)
    {
        if ((await vms.FindOriginalAsync(instance, ct).ConfigureAwait(false)).Count > 0)
        {
            throw new DriverOperationException($"{instance.InstanceName} is already being migrated (its {VmOps.OriginalName(instance)} VM exists)", retryable: false);
        }

        if ((await vms.FindRescueAsync(instance, ct).ConfigureAwait(false)).Count > 0)
        {
            throw new DriverOperationException($"{instance.InstanceName} is rescued; unrescue it before a resize or migration", retryable: false);
        }

        var found = await vms.FindAsync(instance, ct).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : throw new InstanceNotFoundException(instance.InstanceId);
    }

    private async Task TrialShrinkAsync(VirtInstance instance, VmRecord record, long rootBytes, long newBytes, CancellationToken ct)
    {
        VdiRef? snapshot = null;
        try
        {
            var taken = await snapshots.TakeAsync(instance, record, (s, _) =>
            {
                snapshot = s;
                return Task.CompletedTask;
            }, ct).ConfigureAwait(false);
            using var copy = await shrinker.ShrinkCopyAsync(instance, taken.Snapshot, rootBytes, newBytes, ct).ConfigureAwait(false);
        }
        catch (ResizeRefusedException e)
        {
            ResizeLog.Refused(logger, instance.InstanceId, e.Message);
            throw;
        }
        finally
        {
            if (snapshot is { } s)
            {
                await snapshots.DestroyQuietlyAsync(s).ConfigureAwait(false);
            }
        }
    }

    private async Task RollBackAsync(VirtInstance instance, VmRef vm, bool wasRunning, Guid migrationId, Exception cause)
    {
        var poweredOn = false;
        try
        {
            await vms.RenameAsync(vm, instance.InstanceName, CancellationToken.None).ConfigureAwait(false);
            if (wasRunning)
            {
                await power.PowerOnAsync(vm, CancellationToken.None).ConfigureAwait(false);
                poweredOn = true;
            }
        }
        catch (Exception e) when (e is XenApiFailure or XenApiProtocolException or HttpRequestException)
        {
            ResizeLog.CleanupFailed(logger, "the source VM of " + instance.InstanceName, e.Message);
        }

        ResizeLog.SourceRolledBack(logger, instance.InstanceId, migrationId, poweredOn, cause.Message);
    }

    private async Task DestroyQuietlyAsync(VdiRef vdi, string what)
    {
        try
        {
            await vdis.DestroyAsync(vdi, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is XenApiFailure or XenApiProtocolException or HttpRequestException)
        {
            ResizeLog.CleanupFailed(logger, what, e.Message);
        }
    }
}
