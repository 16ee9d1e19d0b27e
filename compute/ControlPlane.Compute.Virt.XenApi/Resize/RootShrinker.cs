using System.Diagnostics;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.Compute.Virt.XenApi.Ops;
using ControlPlane.Compute.Virt.XenApi.Options;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Resize;

/// <summary>
/// Resize down (reference B.5, adapted: no dom0, no device attach): the root VDI is exported raw into a sparse
/// local copy of its filesystem region (all-zero 64 KiB runs are skipped), the layout is checked
/// (<see cref="RootDiskLayout"/>), <c>e2fsck -f -y</c> and <c>resize2fs</c> run on the copy, and the result is written
/// into a new VDI of the new size (head with partition 1 ending at the new last sector, then the filesystem).
/// Refusals are <see cref="ResizeRefusedException"/>s with Nova's messages.
/// </summary>
public sealed class RootShrinker(XenApiHost xen, XenApiDriverOptions options, ILogger logger)
{
    private const int ChunkBytes = 1 << 20;
    private const int SparseBytes = 64 << 10;

    /// <summary>Copies <paramref name="vdi"/>'s filesystem out and resizes it to fill <paramref name="newDiskBytes"/>
    /// (shrink for a resize down; grow for auto_disk_config, then <paramref name="diskBytes"/> is already the new size).</summary>
    internal async Task<ShrunkCopy> ShrinkCopyAsync(VirtInstance instance, VdiRef vdi, long diskBytes, long newDiskBytes, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var dir = Path.Combine(options.StagingDirectory, $"shrink-{instance.InstanceId:N}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var fsPath = Path.Combine(dir, "fs.img");
            var (layout, head) = await CopyOutAsync(vdi, diskBytes, fsPath, ct).ConfigureAwait(false);
            long newFsBytes = newDiskBytes - layout.FsOffset;
            if (newFsBytes < RootDiskLayout.SuperblockEnd)
            {
                throw new ResizeRefusedException("Can't resize a disk to 0 GB.");
            }

            var (fsck, fsckOutput) = await E2fsTools.CheckAndRepairAsync(fsPath, ct).ConfigureAwait(false);
            if (fsck > 2)
            {
                throw new ResizeRefusedException($"The root filesystem has errors e2fsck could not repair (exit {fsck}): {Tail(fsckOutput)}");
            }

            if (newFsBytes > layout.FsBytes)
            {
                // Growing (auto_disk_config, or a partition that ended before the old disk's end): room first.
                using var grow = new FileStream(fsPath, FileMode.Open, FileAccess.Write);
                grow.SetLength(newFsBytes);
            }

            if (newFsBytes != layout.FsBytes || !layout.Partitioned)
            {
                var (rc, output) = await E2fsTools.ResizeAsync(fsPath, newFsBytes, ct).ConfigureAwait(false);
                if (rc != 0)
                {
                    ResizeLog.Refused(logger, instance.InstanceId, Tail(output));
                    throw new ResizeRefusedException(
                        "Shrinking the filesystem down with resize2fs has failed, please check if you have enough free space on your disk.");
                }
            }

            var newHead = layout.Partitioned ? layout.RewriteHead(head, newDiskBytes) : [];
            ResizeLog.Shrunk(logger, instance.InstanceId, layout.Partitioned ? layout.FsType + " in partition 1" : layout.FsType,
                diskBytes, newDiskBytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new ShrunkCopy(dir, layout, newHead, fsPath, newFsBytes);
        }
        catch
        {
            ShrunkCopy.DeleteDirectory(dir);
            throw;
        }
    }

    /// <summary>A new VDI of <paramref name="newDiskBytes"/> holding <paramref name="copy"/>, marked as the shrunk root of
    /// <paramref name="migrationId"/> (and the instance's, so a destroy removes it); written as a dynamic VHD.</summary>
    internal async Task<VdiRef> WriteVdiAsync(ShrunkCopy copy, VirtInstance instance, Guid migrationId, long newDiskBytes, CancellationToken ct)
    {
        var vhdPath = Path.Combine(copy.Directory, "new.vhd");
        await Task.Run(() => BuildVhd(copy, vhdPath, newDiskBytes, ct), ct).ConfigureAwait(false);
        var vdi = await xen.Session.Vdi.CreateAsync(new VdiRecord
        {
            NameLabel = instance.InstanceName,
            NameDescription = "root",
            Sr = xen.Sr,
            VirtualSize = newDiskBytes,
            Type = VdiType.User,
            OtherConfig = new()
            {
                [VdiOps.InstanceKey] = instance.InstanceId.ToString("D"),
                [VdiOps.DiskTypeKey] = MigrationMarks.ShrunkRole,
                [MigrationMarks.MigrationKey] = migrationId.ToString("D"),
                [MigrationMarks.RoleKey] = MigrationMarks.ShrunkRole,
            },
        }, ct).ConfigureAwait(false);
        await using var body = new FileStream(vhdPath, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await xen.Session.Transfers.ImportAsync(vdi, body, VdiTransferFormat.Vhd, ct).ConfigureAwait(false);
        return vdi;
    }

    private static void BuildVhd(ShrunkCopy copy, string vhdPath, long newDiskBytes, CancellationToken ct)
    {
        using (VhdFile.CreateDynamic(vhdPath, newDiskBytes))
        {
        }

        using var disk = VhdDisk.Open(vhdPath, writable: true);
        if (copy.NewHead.Length > 0)
        {
            disk.Write(0, copy.NewHead);
        }

        using var fs = new FileStream(copy.FsPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[ChunkBytes];
        for (long done = 0; done < copy.FsBytes;)
        {
            ct.ThrowIfCancellationRequested();
            int n = fs.ReadAtLeast(buffer.AsSpan(0, (int)Math.Min(buffer.Length, copy.FsBytes - done)), 1, throwOnEndOfStream: false);
            if (n == 0)
            {
                break;
            }

            for (int at = 0; at < n; at += SparseBytes)
            {
                var piece = buffer.AsSpan(at, Math.Min(SparseBytes, n - at));
                if (piece.ContainsAnyExcept((byte)0))
                {
                    disk.Write(copy.Layout.FsOffset + done + at, piece);
                }
            }

            done += n;
        }

        disk.Flush();
    }

    /// <summary>Streams the raw export: the head stays in memory until the layout is known; the filesystem region goes
    /// to a sparse file; the rest of the disk is not read.</summary>
    private async Task<(RootDiskLayout Layout, byte[] Head)> CopyOutAsync(VdiRef vdi, long diskBytes, string fsPath, CancellationToken ct)
    {
        var (body, _) = await xen.Session.Transfers.OpenExportAsync(vdi, VdiTransferFormat.Raw, null, ct).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var head = new byte[RootDiskLayout.SuperblockEnd];
            await FillAsync(body, head, 0, ct).ConfigureAwait(false);
            RootDiskLayout? layout;
            while ((layout = RootDiskLayout.TryRead(head, diskBytes, out var needMore)) is null)
            {
                var grown = new byte[needMore];
                head.CopyTo(grown, 0);
                await FillAsync(body, grown, head.Length, ct).ConfigureAwait(false);
                head = grown;
            }

            await using var fs = new FileStream(fsPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            fs.SetLength(layout.FsBytes);
            long end = layout.FsOffset + layout.FsBytes;
            long position = head.Length;
            if (head.Length > layout.FsOffset)
            {
                await WriteSparseAsync(fs, head.AsMemory((int)layout.FsOffset), 0, ct).ConfigureAwait(false);
            }

            var buffer = new byte[ChunkBytes];
            while (position < end)
            {
                int n = await body.ReadAtLeastAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, end - position)), 1, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new DriverOperationException($"the raw export of the root disk ended after {position} of {end} bytes", retryable: false);
                }

                await WriteSparseAsync(fs, buffer.AsMemory(0, n), position - layout.FsOffset, ct).ConfigureAwait(false);
                position += n;
            }

            return (layout, head);
        }
    }

    private static async Task WriteSparseAsync(FileStream fs, ReadOnlyMemory<byte> data, long at, CancellationToken ct)
    {
        for (int i = 0; i < data.Length; i += SparseBytes)
        {
            var piece = data.Slice(i, Math.Min(SparseBytes, data.Length - i));
            if (piece.Span.ContainsAnyExcept((byte)0))
            {
                fs.Position = at + i;
                await fs.WriteAsync(piece, ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task FillAsync(Stream body, byte[] into, int from, CancellationToken ct)
    {
        int read = await body.ReadAtLeastAsync(into.AsMemory(from), into.Length - from, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (read < into.Length - from)
        {
            throw new ResizeRefusedException($"Disk is too small to hold a filesystem ({from + read} bytes).");
        }
    }

    private static string Tail(string output) => output.Length <= 300 ? output.Trim() : output[^300..].Trim();
}
