using System.Numerics;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Files;

public sealed partial class VhdFile
{
    /// <summary>Creates a fixed disk of <paramref name="size"/> bytes (rounded up to a sector) and opens it read-write.</summary>
    public static VhdFile CreateFixed(string path, long size, VhdCreateOptions? options = null)
    {
        options ??= VhdCreateOptions.Default;
        long virtualSize = CheckedSize(size);
        VhdFooter footer = NewFooter(VhdDiskType.Fixed, virtualSize, options) with { DataOffset = ulong.MaxValue };
        using (var stream = new FileStream(path, options.Overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.SetLength(virtualSize + VhdFooter.Size);
            stream.Position = virtualSize;
            stream.Write(footer.ToBytes());
            stream.Flush(flushToDisk: true);
        }

        return Open(path, writable: true);
    }

    /// <summary>Creates an empty dynamic disk of <paramref name="size"/> bytes (rounded up to a sector) and opens it read-write.</summary>
    public static VhdFile CreateDynamic(string path, long size, VhdCreateOptions? options = null)
    {
        options ??= VhdCreateOptions.Default;
        long virtualSize = CheckedSize(size);
        uint blockSize = CheckedBlockSize(options.BlockSize);
        VhdFooter footer = NewFooter(VhdDiskType.Dynamic, virtualSize, options);
        VhdSparseWriter.Create(path, footer, blockSize, parent: null, options.Overwrite);
        return Open(path, writable: true);
    }

    /// <summary>
    /// Creates an empty differencing disk whose parent is <paramref name="parentPath"/> (a snapshot: the parent
    /// must not be written afterwards) and opens it read-write. Locators hold the parent path relative to the child.
    /// </summary>
    public static VhdFile CreateDifferencing(string path, string parentPath, VhdCreateOptions? options = null)
    {
        options ??= VhdCreateOptions.Default;
        string parentFull = System.IO.Path.GetFullPath(parentPath);
        long size;
        uint blockSize;
        Guid parentId;
        using (VhdFile parent = Open(parentFull))
        {
            size = parent.VirtualSize;
            blockSize = parent.DiskType == VhdDiskType.Fixed ? CheckedBlockSize(options.BlockSize) : (uint)parent.BlockSize;
            parentId = parent.UniqueId;
        }

        VhdFooter footer = NewFooter(VhdDiskType.Differencing, size, options);
        var link = new VhdSparseWriter.ParentLink(
            parentId,
            VhdTimestamp.FromDateTime(File.GetLastWriteTimeUtc(parentFull)),
            System.IO.Path.GetFileName(parentFull),
            ParentLocatorCodec.RelativePath(path, parentFull));
        VhdSparseWriter.Create(path, footer, blockSize, link, options.Overwrite);
        return Open(path, writable: true);
    }

    private static VhdFooter NewFooter(VhdDiskType type, long size, VhdCreateOptions options) => new VhdFooter
    {
        DataOffset = type == VhdDiskType.Fixed ? ulong.MaxValue : VhdFooter.Size,
        Timestamp = VhdTimestamp.FromDateTime(options.TimeProvider.GetUtcNow()),
        OriginalSize = (ulong)size,
        CurrentSize = (ulong)size,
        Geometry = VhdGeometry.FromSize(size),
        DiskType = type,
        UniqueId = options.UniqueId ?? Guid.NewGuid(),
        Hidden = options.Hidden,
    }.WithComputedChecksum();

    internal static long CheckedSize(long size)
    {
        if (size <= 0 || size > VhdLimits.MaxDiskSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "virtual size must be between 1 byte and 2 TiB");
        }

        return (size + 511) / 512 * 512;
    }

    internal static uint CheckedBlockSize(int blockSize)
    {
        if (!BitOperations.IsPow2(blockSize) || blockSize < VhdLimits.MinBlockSize || blockSize > VhdLimits.MaxBlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "block size must be a power of two from 4 KiB to 32 MiB");
        }

        return (uint)blockSize;
    }
}
