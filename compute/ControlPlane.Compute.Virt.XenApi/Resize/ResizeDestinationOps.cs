using System.Diagnostics;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.Compute.Virt.XenApi.Images;
using ControlPlane.Compute.Virt.XenApi.Ops;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Resize;

/// <summary>
/// The destination host's half (reference B.7, B.8, adapted: no staging directory, no <c>vhd-util</c>): each disk
/// received goes straight into this SR through <c>PUT /import_raw_vdi?format=vhd</c> with the length worked out from
/// the VHD's own metadata (flat memory). The base becomes a new VDI; a later member becomes a <c>VDI.clone</c> of its
/// parent's VDI with the delta imported over it, so the chain is rebuilt parents first. Every received VDI carries
/// <see cref="MigrationMarks"/>. Finish keeps the leaf as the root (grown with <c>VDI.resize</c>), removes the
/// intermediate copies and builds the VM through the spawn path.
/// </summary>
public sealed class ResizeDestinationOps(XenApiHost xen, VdiOps vdis, InstanceLifecycle lifecycle, RootShrinker resizer, long maxDiskBytes, ILogger logger)
{
    private const long GiB = 1L << 30;

    /// <summary><see cref="Contract.IResizeDriver.ReceiveDiskAsync"/>: one disk into this SR, replacing an earlier copy of its index.</summary>
    public async Task ReceiveAsync(Guid migrationId, VirtInstance instance, MigrationDisk disk, Stream content, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var received = await ReceivedAsync(migrationId, ct).ConfigureAwait(false);
        foreach (var (old, _) in received.Where(r => MigrationMarks.IndexOf(r.Record) == disk.Index))
        {
            await vdis.DestroyAsync(old, ct).ConfigureAwait(false); // a retried transfer replaces the earlier copy
        }

        VdiRef vdi;
        if (disk.ParentIndex is { } parentIndex)
        {
            var parent = received.FirstOrDefault(r => MigrationMarks.IndexOf(r.Record) == parentIndex);
            if (parent.Record is null)
            {
                throw new DriverOperationException($"migration {migrationId}: disk {disk.Index} arrived before its parent {parentIndex}", retryable: false);
            }

            vdi = await xen.Session.Vdi.CloneAsync(parent.Ref, null, ct).ConfigureAwait(false);
        }
        else
        {
            vdi = await xen.Session.Vdi.CreateAsync(new VdiRecord
            {
                NameLabel = instance.InstanceName + " (migrating)",
                NameDescription = "migration",
                Sr = xen.Sr,
                VirtualSize = disk.VirtualSizeBytes,
                Type = VdiType.User,
                OtherConfig = MigrationMarks.Received(migrationId, disk.Index, disk.IsLeaf),
            }, ct).ConfigureAwait(false);
        }

        try
        {
            await xen.Session.Vdi.SetOtherConfigAsync(vdi, MigrationMarks.Received(migrationId, disk.Index, disk.IsLeaf), CancellationToken.None).ConfigureAwait(false);
            await xen.Session.Vdi.SetNameLabelAsync(vdi, instance.InstanceName + " (migrating)", ct).ConfigureAwait(false);
            await vdis.GrowAsync(vdi, disk.VirtualSizeBytes, ct).ConfigureAwait(false);
            var bytes = await ImportAsync(vdi, disk, content, ct).ConfigureAwait(false);
            ResizeLog.DiskReceived(logger, migrationId, disk.Index, await vdis.UuidAsync(vdi, ct).ConfigureAwait(false), bytes,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch
        {
            await DestroyQuietlyAsync(vdi).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary><see cref="Contract.IResizeDriver.FinishMigrationAsync"/>: the VM built on the received leaf.</summary>
    public async Task FinishAsync(Guid migrationId, VirtInstance instance, bool autoDiskConfig, bool powerOn, CancellationToken ct)
    {
        var received = await ReceivedAsync(migrationId, ct).ConfigureAwait(false);
        var leaf = received.Where(r => r.Record.OtherConfig.ContainsKey(MigrationMarks.LeafKey)).ToList();
        var indices = received.Select(r => MigrationMarks.IndexOf(r.Record) ?? -1).ToHashSet();
        if (leaf.Count != 1 || MigrationMarks.IndexOf(leaf[0].Record) is not { } last || !Enumerable.Range(0, last + 1).All(indices.Contains))
        {
            throw new DriverOperationException($"migration {migrationId}: not every disk up to the leaf was received ({received.Count} here)", retryable: false);
        }

        await lifecycle.EnsureFreeMemoryAsync(instance, ct).ConfigureAwait(false);
        var root = leaf[0].Ref;
        var before = await vdis.VirtualSizeAsync(root, ct).ConfigureAwait(false);
        await vdis.GrowAsync(root, instance.RootGb * GiB, ct).ConfigureAwait(false);
        if (autoDiskConfig && instance.RootGb * GiB > before)
        {
            root = await GrowFilesystemAsync(migrationId, instance, root, ct).ConfigureAwait(false);
        }
        await lifecycle.CreateVmAsync(instance, root, powerOn, ct).ConfigureAwait(false);

        // The VM exists: the leaf is now the instance's root; the intermediate copies' content lives on in its chain.
        await vdis.MarkInstanceDiskAsync(root, instance, "root", CancellationToken.None).ConfigureAwait(false);
        foreach (var (other, _) in received.Where(r => r.Ref != root))
        {
            await DestroyQuietlyAsync(other).ConfigureAwait(false);
        }

        ResizeLog.Finished(logger, instance.InstanceId, migrationId, received.Count, await vdis.VirtualSizeAsync(root, ct).ConfigureAwait(false),
            instance.MemoryMb, instance.Vcpus, powerOn);
    }

    /// <summary>
    /// auto_disk_config on resize up: the filesystem (bare, or in partition 1) grown to fill the grown disk, written into a
    /// new VDI that replaces the received leaf as the root (marked as received, so an abort still finds it). A layout that
    /// cannot be resized keeps the disk as it is (logged).
    /// </summary>
    private async Task<VdiRef> GrowFilesystemAsync(Guid migrationId, VirtInstance instance, VdiRef root, CancellationToken ct)
    {
        var size = await vdis.VirtualSizeAsync(root, ct).ConfigureAwait(false);
        try
        {
            using var copy = await resizer.ShrinkCopyAsync(instance, root, size, size, ct).ConfigureAwait(false);
            var grown = await resizer.WriteVdiAsync(copy, instance, migrationId, size, ct).ConfigureAwait(false);
            await xen.Session.Vdi.SetOtherConfigAsync(grown, MigrationMarks.Received(migrationId, int.MaxValue, leaf: false), CancellationToken.None).ConfigureAwait(false);
            return grown;
        }
        catch (ResizeRefusedException e)
        {
            ResizeLog.Refused(logger, instance.InstanceId, "auto_disk_config: " + e.Message);
            return root;
        }
    }

    /// <summary><see cref="Contract.IResizeDriver.AbortIncomingMigrationAsync"/>: received VDIs no VBD uses are destroyed.</summary>
    public async Task AbortAsync(Guid migrationId, CancellationToken ct)
    {
        var removed = 0;
        foreach (var (vdi, record) in await ReceivedAsync(migrationId, ct).ConfigureAwait(false))
        {
            if (record.Vbds.Count == 0)
            {
                removed += await vdis.DestroyAsync(vdi, ct).ConfigureAwait(false) ? 1 : 0;
            }
        }

        if (removed > 0)
        {
            ResizeLog.Aborted(logger, migrationId, removed);
        }
    }

    /// <summary>
    /// Reads the VHD's metadata to learn its length (real XAPI refuses chunked uploads), checks it is the disk announced
    /// (virtual size; dynamic for a base, differencing for a delta), then PUTs exactly that many bytes; the stream must
    /// end there. Memory: the metadata plus the upload buffer.
    /// </summary>
    private async Task<long> ImportAsync(VdiRef vdi, MigrationDisk disk, Stream content, CancellationToken ct)
    {
        byte[] prefix;
        long length;
        try
        {
            (prefix, length) = await VhdStreamSizer.ReadPrefixAsync(content, ct).ConfigureAwait(false);
        }
        catch (VhdFormatException e)
        {
            throw new DriverOperationException($"migration disk {disk.Index} is not a valid VHD: {e.Message}", e, retryable: false);
        }

        var footer = VhdFooter.Parse(prefix);
        var expected = disk.ParentIndex is null ? VhdDiskType.Dynamic : VhdDiskType.Differencing;
        if ((long)footer.CurrentSize != disk.VirtualSizeBytes || footer.DiskType != expected || length > maxDiskBytes || prefix.Length > length)
        {
            throw new DriverOperationException(
                $"migration disk {disk.Index} is a {footer.DiskType} VHD of {footer.CurrentSize} bytes ({length} in all), not the {expected} disk of {disk.VirtualSizeBytes} bytes announced",
                retryable: false);
        }

        var body = new PrefixedStream(prefix, prefix.Length, content);
        await xen.Session.Transfers.ImportAsync(vdi, body, VdiTransferFormat.Vhd, length, ct).ConfigureAwait(false);
        if (await content.ReadAsync(new byte[1], ct).ConfigureAwait(false) != 0)
        {
            throw new DriverOperationException($"migration disk {disk.Index} holds more than the {length} bytes its VHD metadata announced", retryable: false);
        }

        return length;
    }

    private async Task<List<(VdiRef Ref, VdiRecord Record)>> ReceivedAsync(Guid migrationId, CancellationToken ct) =>
        [.. (await vdis.AllInSrAsync(ct).ConfigureAwait(false)).Where(p => MigrationMarks.IsReceived(p.Value, migrationId)).Select(p => (p.Key, p.Value))];

    private async Task DestroyQuietlyAsync(VdiRef vdi)
    {
        try
        {
            await vdis.DestroyAsync(vdi, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is XenApiFailure or XenApiProtocolException or HttpRequestException)
        {
            ResizeLog.CleanupFailed(logger, "a received VDI", e.Message);
        }
    }
}
