using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.Compute.Virt.XenApi.Images;
using ControlPlane.Compute.Virt.XenApi.Options;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>
/// Snapshot to image (Nova's later <c>snapshot_attached_here</c>): record the root disk's chain; remove leftovers of
/// interrupted snapshots; <c>VDI.snapshot</c> the root disk (the VM keeps running or stays halted); wait for the SR
/// to coalesce the base copy the snapshot left; walk the snapshot's chain; stream it leaf first as a tar of
/// <c>0.vhd</c>, <c>1.vhd</c>, ... (<see cref="SnapshotArchiveWriter"/>); destroy the snapshot VDI whatever happened.
/// </summary>
public sealed class SnapshotOps(XenApiHost xen, VmOps vms, VdiOps vdis, SrScans scans, XenApiDriverOptions options, string computeHost, TimeProvider clock, ILogger logger)
{
    /// <summary>The <c>nova_disk_type</c> a snapshot VDI carries while it exists (so a crash leaves it identifiable).</summary>
    public const string SnapshotDiskType = "snapshot";

    /// <summary>other_config key naming the compute host whose snapshot is in progress on the VDI.</summary>
    public const string HostKey = "controlplane_snapshot_host";

    /// <summary>
    /// Nova's <c>post_interrupted_snapshot_cleanup</c> at start: destroys the snapshot VDIs this compute host left when it
    /// stopped mid-snapshot (they would block the SR's coalescing and hold space). Other hosts' snapshots are left alone.
    /// </summary>
    public async Task RemoveInterruptedAsync(CancellationToken ct)
    {
        foreach (var (vdiRef, record) in await vdis.AllInSrAsync(ct).ConfigureAwait(false))
        {
            if (record.IsASnapshot && record.OtherConfig.GetValueOrDefault(VdiOps.DiskTypeKey) == SnapshotDiskType
                && record.OtherConfig.GetValueOrDefault(HostKey) == computeHost && !record.OtherConfig.ContainsKey(VdiOps.ImageKey)
                && await TryDestroyAsync(vdiRef, record.Uuid, ct).ConfigureAwait(false)
                && Guid.TryParse(record.OtherConfig.GetValueOrDefault(VdiOps.InstanceKey), out var instanceId))
            {
                XenApiDriverLog.SnapshotLeftoverRemoved(logger, instanceId, record.Uuid);
            }
        }
    }

    public async Task SnapshotAsync(VirtInstance instance, ISnapshotUpload upload, Func<SnapshotPhase, CancellationToken, Task> onPhase, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var found = await vms.FindAsync(instance, ct).ConfigureAwait(false);
        var vm = found.Count > 0 ? found[0] : throw new InstanceNotFoundException(instance.InstanceId);
        VdiRef? snapshot = null;
        try
        {
            var taken = await TakeAsync(instance, vm.Record, async (s, token) =>
            {
                snapshot = s;
                await onPhase(SnapshotPhase.PendingUpload, token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);

            await onPhase(SnapshotPhase.Uploading, ct).ConfigureAwait(false);
            var uploadStarted = clock.GetTimestamp();
            IReadOnlyList<long> sizes = [];
            var writer = new SnapshotArchiveWriter(xen, options.MaxImageMemberBytes, clock);
            await upload.UploadAsync(async (stream, token) => sizes = await writer.WriteAsync(taken.Chain, stream, token).ConfigureAwait(false), ct).ConfigureAwait(false);
            XenApiDriverLog.SnapshotUploaded(logger, instance.InstanceId, upload.ImageId, sizes.Count, sizes.Sum(),
                (long)taken.CoalesceWait.TotalMilliseconds, (long)clock.GetElapsedTime(uploadStarted).TotalMilliseconds, (long)clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            XenApiDriverLog.SnapshotFailed(logger, instance.InstanceId, upload.ImageId, (long)clock.GetElapsedTime(started).TotalMilliseconds, e.Message);
            throw;
        }
        finally
        {
            if (snapshot is { } s)
            {
                await DestroyQuietlyAsync(s).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Steps 1-5 of a snapshot, shared with resize: the VM's root disk (userdevice 0), leftovers of interrupted
    /// snapshots removed, <c>VDI.snapshot</c> (marked as this host's snapshot of the instance; <paramref name="onSnapshot"/>
    /// gets it at once, so the caller can always destroy it), the coalesce wait, the snapshot's chain walked. The
    /// caller destroys <see cref="RootSnapshot.Snapshot"/> (<see cref="DestroyQuietlyAsync"/>) whatever happens.
    /// </summary>
    public async Task<RootSnapshot> TakeAsync(VirtInstance instance, VmRecord vm, Func<VdiRef, CancellationToken, Task> onSnapshot, CancellationToken ct)
    {
        var root = await vms.DiskAtAsync(vm, "0", ct).ConfigureAwait(false)
            ?? throw new DriverOperationException($"No primary VDI found for {instance.InstanceName}", retryable: false);

        await scans.ScanAsync(ct).ConfigureAwait(false);
        var records = await vdis.AllInSrAsync(ct).ConfigureAwait(false);
        var rootRecord = records.GetValueOrDefault(root)
            ?? throw new DriverOperationException($"The root disk of {instance.InstanceName} is not in the driver's SR", retryable: false);
        var oldChain = VdiChain.Walk(records, rootRecord.Uuid);
        if (await RemoveLeftoversAsync(instance, records, oldChain, ct).ConfigureAwait(false) > 0)
        {
            await scans.ScanAsync(ct).ConfigureAwait(false);
        }

        var snapshot = await xen.Session.Vdi.SnapshotAsync(root, new Dictionary<string, string>(), ct).ConfigureAwait(false);
        try
        {
            await xen.Session.Vdi.SetOtherConfigAsync(snapshot, new Dictionary<string, string>
            {
                [VdiOps.InstanceKey] = instance.InstanceId.ToString("D"),
                [VdiOps.DiskTypeKey] = SnapshotDiskType,
                [HostKey] = computeHost,
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await DestroyQuietlyAsync(snapshot).ConfigureAwait(false);
            throw;
        }

        await onSnapshot(snapshot, ct).ConfigureAwait(false);
        var snapshotUuid = await xen.Session.Vdi.GetUuidAsync(snapshot, ct).ConfigureAwait(false);

        var waitStarted = clock.GetTimestamp();
        await WaitForCoalesceAsync(instance, root, oldChain, ct).ConfigureAwait(false);
        var waited = clock.GetElapsedTime(waitStarted);
        await scans.ScanAsync(ct).ConfigureAwait(false);
        records = await vdis.AllInSrAsync(ct).ConfigureAwait(false);
        var chain = VdiChain.Walk(records, snapshotUuid).Select(u => VdiChain.RefOf(records, u)).ToList();
        return new RootSnapshot(root, snapshot, chain, waited);
    }

    /// <summary>Nova's <c>_delete_snapshots_in_vdi_chain</c>: snapshots hanging off the chain's ancestors that are not part
    /// of it and are not cached images are leftovers of interrupted snapshots.</summary>
    private async Task<int> RemoveLeftoversAsync(VirtInstance instance, Dictionary<VdiRef, VdiRecord> records, IReadOnlyList<string> oldChain, CancellationToken ct)
    {
        var ancestors = oldChain.Skip(1).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var removed = 0;
        foreach (var (vdiRef, record) in records)
        {
            if (record.VhdParent is { } parent && ancestors.Contains(parent) && !oldChain.Contains(record.Uuid, StringComparer.OrdinalIgnoreCase)
                && record.IsASnapshot && !record.OtherConfig.ContainsKey(VdiOps.ImageKey)
                && await TryDestroyAsync(vdiRef, record.Uuid, ct).ConfigureAwait(false))
            {
                XenApiDriverLog.SnapshotLeftoverRemoved(logger, instance.InstanceId, record.Uuid);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>
    /// Nova's later <c>_wait_for_vhd_coalesce</c>: nothing to wait for when the disk had no parent, or when its old
    /// parent now has several children (a sibling blocks the coalesce: the common cached-image case). Otherwise poll
    /// (SR.scan, then the root's <c>vhd-parent</c>) until the parent is one of the old ancestors again.
    /// </summary>
    private async Task WaitForCoalesceAsync(VirtInstance instance, VdiRef root, IReadOnlyList<string> oldChain, CancellationToken ct)
    {
        if (oldChain.Count < 2)
        {
            return;
        }

        await scans.ScanAsync(ct).ConfigureAwait(false);
        var records = await vdis.AllInSrAsync(ct).ConfigureAwait(false);
        if (records.Values.Count(r => string.Equals(r.VhdParent, oldChain[1], StringComparison.OrdinalIgnoreCase)) > 1)
        {
            return;
        }

        var good = oldChain.Skip(1).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var attempts = options.VhdCoalesceMaxAttempts;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            await scans.ScanAsync(ct).ConfigureAwait(false);
            var parent = (await xen.Session.Vdi.GetSmConfigAsync(root, ct).ConfigureAwait(false)).GetValueOrDefault("vhd-parent");
            if (parent is null || good.Contains(parent))
            {
                return;
            }

            XenApiDriverLog.WaitingForCoalesce(logger, instance.InstanceId, parent, attempt, attempts);
            if (attempt < attempts)
            {
                await Task.Delay(options.VhdCoalescePollInterval, clock, ct).ConfigureAwait(false);
            }
        }

        throw new DriverOperationException($"VHD coalesce attempts exceeded ({attempts}), giving up on the snapshot of {instance.InstanceName}", retryable: false);
    }

    /// <summary>Destroys a leftover; a failure is logged and skipped (Nova's <c>safe_destroy_vdis</c>): it must not stop the snapshot.</summary>
    private async Task<bool> TryDestroyAsync(VdiRef vdi, string uuid, CancellationToken ct)
    {
        try
        {
            return await vdis.DestroyAsync(vdi, ct).ConfigureAwait(false);
        }
        catch (XenApiFailure f)
        {
            XenApiDriverLog.CleanupFailed(logger, "leftover snapshot VDI " + uuid, f.Message);
            return false;
        }
    }

    /// <summary>Destroys a snapshot VDI; a failure is logged (the next start's cleanup removes it).</summary>
    public async Task DestroyQuietlyAsync(VdiRef snapshot)
    {
        try
        {
            await vdis.DestroyAsync(snapshot, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is XenApiFailure or XenApiProtocolException or HttpRequestException)
        {
            XenApiDriverLog.CleanupFailed(logger, "the snapshot VDI", e.Message);
        }
    }
}
