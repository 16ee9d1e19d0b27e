using ControlPlane.Vhd;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Operations;
using XapiSim.State;

namespace XapiSim.Storage;

/// <summary>
/// The file SR on disk: one <c>&lt;vdi-uuid&gt;.vhd</c> per VDI (FileSR naming), VHD chains linked by relative
/// parent locators. Knows files only; <see cref="SrScanner"/> keeps the database in step.
/// </summary>
public sealed class SrStorage(SimPersistence persistence, TimeProvider clock)
{
    /// <summary>FileSR rounds sizes up to 2 MiB.</summary>
    public const long SizeQuantum = 2L << 20;

    /// <summary>Largest VHD FileSR creates (2040 GiB).</summary>
    public const long MaxVirtualSize = 2040L << 30;

    /// <summary>Maximum chain depth (SM MAX_CHAIN_SIZE).</summary>
    public const int MaxChainDepth = 30;

    private const int ChunkBytes = 2 << 20;

    public string Directory => persistence.SrDirectory;

    public string PathOf(string uuid) => Path.Combine(Directory, uuid + ".vhd");

    public bool Exists(string uuid) => File.Exists(PathOf(uuid));

    public static long RoundSize(long size) => (size + SizeQuantum - 1) / SizeQuantum * SizeQuantum;

    /// <summary>Every <c>&lt;uuid&gt;.vhd</c> in the SR, read like <c>vhd-util scan</c>.</summary>
    public IReadOnlyList<VhdNode> ScanFiles()
    {
        System.IO.Directory.CreateDirectory(Directory);
        return System.IO.Directory.EnumerateFiles(Directory, "*.vhd")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Where(name => Guid.TryParse(name, out _))
            .Select(Inspect)
            .ToList();
    }

    /// <summary>Reads one VHD's size, hidden flag and parent; an unreadable file gives a node with <see cref="VhdNode.ScanError"/>.</summary>
    public VhdNode Inspect(string uuid)
    {
        var path = PathOf(uuid);
        try
        {
            using var file = VhdFile.Open(path);
            string? parent = null;
            string? error = null;
            if (file.DiskType == ControlPlane.Vhd.Format.VhdDiskType.Differencing)
            {
                var resolved = file.ResolveParentPath();
                parent = resolved is not null
                    ? Path.GetFileNameWithoutExtension(resolved)
                    : file.ParentLocatorPaths.Select(p => Path.GetFileNameWithoutExtension(p)).FirstOrDefault();
                if (resolved is null)
                {
                    error = "parent not found";
                }
            }

            return new VhdNode(uuid, path, file.VirtualSize, file.PhysicalSize, file.Hidden, parent, error);
        }
        catch (IOException e)
        {
            return new VhdNode(uuid, path, 0, SafeLength(path), Hidden: false, ParentUuid: null, ScanError: e.Message);
        }
    }

    public void CreateDynamic(string uuid, long size)
    {
        using var file = VhdFile.CreateDynamic(PathOf(uuid), size, Options());
    }

    /// <summary>
    /// FileSR's snapshot: <c>leaf.vhd</c> becomes the hidden base copy <c>base.vhd</c> (data and old parent link kept),
    /// a fresh empty <c>leaf.vhd</c> and, when <paramref name="snapshotUuid"/> is given, <c>snapshot.vhd</c> are
    /// created on top of it. Undone if any step fails.
    /// </summary>
    public void Snapshot(string leafUuid, string baseUuid, string? snapshotUuid)
    {
        var leaf = PathOf(leafUuid);
        var basePath = PathOf(baseUuid);
        File.Move(leaf, basePath);
        try
        {
            using (VhdDisk.Snapshot(basePath, leaf, Options()))
            {
            }

            if (snapshotUuid is not null)
            {
                using (VhdDisk.Snapshot(basePath, PathOf(snapshotUuid), Options()))
                {
                }
            }

            SetHidden(baseUuid, hidden: true);
        }
        catch
        {
            TryDelete(leaf);
            if (snapshotUuid is not null)
            {
                TryDelete(PathOf(snapshotUuid));
            }

            File.Move(basePath, leaf);
            throw;
        }
    }

    public void SetHidden(string uuid, bool hidden)
    {
        using var file = VhdFile.Open(PathOf(uuid), writable: true);
        file.SetHidden(hidden);
        file.Flush();
    }

    /// <summary>Re-points <paramref name="childUuid"/> at <paramref name="parentUuid"/> (<c>vhd-util modify -p</c>).</summary>
    public void SetParent(string childUuid, string parentUuid)
    {
        using var file = VhdFile.Open(PathOf(childUuid), writable: true);
        file.SetParent(PathOf(parentUuid));
        file.Flush();
    }

    /// <summary>Merges <paramref name="childUuid"/> into its parent (<c>vhd-util coalesce</c>); the parent grows if needed.</summary>
    public long Coalesce(string childUuid) => VhdCoalescer.Coalesce(PathOf(childUuid));

    public void Resize(string uuid, long size)
    {
        using var file = VhdFile.Open(PathOf(uuid), writable: true);
        file.Resize(size);
        file.Flush();
    }

    /// <summary><c>VDI.copy</c>: the source chain flattened into a new dynamic VHD.</summary>
    public void Flatten(string sourceUuid, string targetUuid)
    {
        var target = PathOf(targetUuid);
        try
        {
            using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            VhdFlattener.Flatten(PathOf(sourceUuid), output, Options());
        }
        catch
        {
            TryDelete(target);
            throw;
        }
    }

    /// <summary>Writes the content of the disk at <paramref name="sourcePath"/> into <paramref name="targetUuid"/>'s chain;
    /// only chunks that differ are written, so the target stays sparse.</summary>
    public void CopyContent(string sourcePath, string targetUuid)
    {
        using var source = VhdDisk.Open(sourcePath);
        using var target = VhdDisk.Open(PathOf(targetUuid), writable: true);
        if (source.VirtualSize > target.VirtualSize)
        {
            throw new InvalidDataException($"source disk ({source.VirtualSize} bytes) is larger than the VDI ({target.VirtualSize} bytes)");
        }

        var buffer = new byte[ChunkBytes];
        var current = new byte[ChunkBytes];
        long offset = 0;
        int n;
        while ((n = source.Read(offset, buffer)) > 0)
        {
            WriteIfDifferent(target, offset, buffer.AsSpan(0, n), current);
            offset += n;
        }

        target.Flush();
    }

    /// <summary>
    /// Writes the sectors the differencing VHD at <paramref name="deltaPath"/> holds over <paramref name="targetUuid"/>'s
    /// content (vhd-tool's import of a delta): the staged delta is pointed at the VDI's file, checked, and coalesced
    /// into it. A delta larger than the VDI is refused.
    /// </summary>
    public void ApplyDelta(string deltaPath, string targetUuid)
    {
        using (var delta = VhdFile.Open(deltaPath, writable: true))
        {
            using (var target = VhdFile.Open(PathOf(targetUuid)))
            {
                if (delta.VirtualSize > target.VirtualSize)
                {
                    throw new InvalidDataException($"delta disk ({delta.VirtualSize} bytes) is larger than the VDI ({target.VirtualSize} bytes)");
                }
            }

            delta.SetParent(PathOf(targetUuid));
            delta.Flush();
        }

        var problems = VhdChecker.Check(deltaPath, clock);
        if (problems.Count > 0)
        {
            throw new InvalidDataException("invalid VHD: " + string.Join("; ", problems.Select(p => $"{p.Code}: {p.Message}")));
        }

        VhdCoalescer.Coalesce(deltaPath);
    }

    /// <summary>Writes raw bytes from <paramref name="content"/> into the VDI from offset 0 (sparse-aware). Refuses input longer than the disk.</summary>
    public long WriteRaw(string uuid, Stream content)
    {
        using var target = VhdDisk.Open(PathOf(uuid), writable: true);
        var buffer = new byte[ChunkBytes];
        var current = new byte[ChunkBytes];
        long offset = 0;
        while (true)
        {
            var n = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (n == 0)
            {
                break;
            }

            if (offset + n > target.VirtualSize)
            {
                throw new InvalidDataException($"raw input is longer than the VDI's virtual size {target.VirtualSize}");
            }

            WriteIfDifferent(target, offset, buffer.AsSpan(0, n), current);
            offset += n;
        }

        target.Flush();
        return offset;
    }

    public void Delete(string uuid) => TryDelete(PathOf(uuid));

    /// <summary>Leaf-coalesce's renames: <c>leaf.vhd</c> → <c>OLD_leaf.vhd</c>, <c>source.vhd</c> → <c>leaf.vhd</c>, then
    /// the old leaf is deleted. Undone if the second rename fails.</summary>
    public void ReplaceWith(string leafUuid, string sourceUuid)
    {
        var leaf = PathOf(leafUuid);
        var old = Path.Combine(Directory, "OLD_" + leafUuid + ".vhd");
        File.Move(leaf, old);
        try
        {
            File.Move(PathOf(sourceUuid), leaf);
        }
        catch
        {
            File.Move(old, leaf);
            throw;
        }

        File.Delete(old);
    }

    /// <summary>A file in the SR directory for an upload in progress (same filesystem, so later moves are renames).</summary>
    public string StagingPath() => Path.Combine(Directory, $".staging-{Guid.NewGuid():N}.tmp");

    private static void WriteIfDifferent(VhdDisk target, long offset, ReadOnlySpan<byte> data, byte[] scratch)
    {
        var current = scratch.AsSpan(0, data.Length);
        target.Read(offset, current);
        if (!current.SequenceEqual(data))
        {
            target.Write(offset, data);
        }
    }

    private VhdCreateOptions Options() => new() { TimeProvider = clock };

    private static long SafeLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static void TryDelete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
