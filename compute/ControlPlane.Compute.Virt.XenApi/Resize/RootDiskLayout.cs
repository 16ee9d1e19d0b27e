using System.Buffers.Binary;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.Virt.XenApi.Resize;

/// <summary>
/// Where a root disk keeps the filesystem a resize down shrinks, read from the disk's first bytes (hostile data:
/// every field is bounds-checked, nothing from the image becomes a path): a bare ext3/ext4 filesystem (offset 0), or
/// an MBR whose only entry is partition 1 holding one. Anything else is a <see cref="ResizeRefusedException"/> with
/// Nova's messages (reference B.5).
/// </summary>
/// <param name="FsOffset">Byte offset of the filesystem on the disk (0 for a bare filesystem).</param>
/// <param name="FsBytes">Bytes of the filesystem's region (the partition, or the whole disk).</param>
/// <param name="FsType"><c>ext3</c> or <c>ext4</c>.</param>
public sealed record RootDiskLayout(long FsOffset, long FsBytes, string FsType)
{
    /// <summary>Largest partition start accepted (its head is kept in memory): 4 MiB.</summary>
    public const int MaxHeadBytes = 4 << 20;

    /// <summary>Bytes of the disk needed to decide a bare filesystem (the superblock ends at 2048).</summary>
    public const int SuperblockEnd = 2048;

    private const int SuperblockAt = 1024;

    /// <summary>True when the layout is a partition (the MBR and the bytes before it are kept and rewritten).</summary>
    public bool Partitioned => FsOffset > 0;

    /// <summary>
    /// Reads the layout from <paramref name="head"/> (the disk's first bytes: at least <see cref="SuperblockEnd"/>,
    /// and for a partition up to its superblock; <paramref name="needMore"/> says how many are needed when short).
    /// </summary>
    public static RootDiskLayout? TryRead(ReadOnlySpan<byte> head, long diskBytes, out int needMore)
    {
        needMore = 0;
        if (head.Length < SuperblockEnd)
        {
            needMore = SuperblockEnd;
            return null;
        }

        if (FsTypeAt(head[SuperblockAt..]) is { } bare)
        {
            return new RootDiskLayout(0, diskBytes, Check(bare));
        }

        if (head[510] != 0x55 || head[511] != 0xAA)
        {
            throw Unable("unknown");
        }

        var used = new List<int>(4);
        for (var i = 0; i < 4; i++)
        {
            if (head[446 + (i * 16) + 4] != 0)
            {
                used.Add(i);
            }
        }

        if (used.Count != 1)
        {
            throw new ResizeRefusedException("Disk must have only one partition.");
        }

        if (used[0] != 0)
        {
            throw new ResizeRefusedException("The only partition should be partition 1.");
        }

        var entry = head.Slice(446, 16);
        if (entry[4] is 0xEE or 0x05 or 0x0F or 0x85)
        {
            throw Unable(entry[4] == 0xEE ? "gpt" : "extended");
        }

        long start = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]) * 512L;
        long size = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]) * 512L;
        if (start < 512 || start > MaxHeadBytes || size <= SuperblockEnd || start + size > diskBytes)
        {
            throw new ResizeRefusedException($"Disk partition 1 ({start} + {size} bytes) does not lie within the disk's first {MaxHeadBytes} bytes and its size.");
        }

        if (head.Length < start + SuperblockEnd)
        {
            needMore = (int)start + SuperblockEnd;
            return null;
        }

        var fs = FsTypeAt(head[(int)(start + SuperblockAt)..]) ?? throw Unable("unknown");
        return new RootDiskLayout(start, size, Check(fs));
    }

    /// <summary>
    /// The disk's first <see cref="FsOffset"/> bytes for the new disk of <paramref name="newDiskBytes"/>: the same
    /// bytes with partition 1 ending at the new disk's last sector (start, type and boot flag kept).
    /// </summary>
    public byte[] RewriteHead(ReadOnlySpan<byte> head, long newDiskBytes)
    {
        var copy = head[..(int)FsOffset].ToArray();
        var entry = copy.AsSpan(446, 16);
        long sectors = (newDiskBytes - FsOffset) / 512;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], (uint)sectors);
        entry[5] = 0xFE;
        entry[6] = 0xFF;
        entry[7] = 0xFF;
        return copy;
    }

    private static string Check(string fs) => fs is "ext3" or "ext4" ? fs : throw Unable(fs);

    private static ResizeRefusedException Unable(string fs) => new($"Disk contains a filesystem we are unable to resize: {fs}");

    /// <summary>The ext flavour of the superblock at the start of <paramref name="sb"/>, or null when it is none.</summary>
    private static string? FsTypeAt(ReadOnlySpan<byte> sb)
    {
        if (sb.Length < 1024 || BinaryPrimitives.ReadUInt16LittleEndian(sb[56..]) != 0xEF53)
        {
            return null;
        }

        uint compat = BinaryPrimitives.ReadUInt32LittleEndian(sb[92..]);
        uint incompat = BinaryPrimitives.ReadUInt32LittleEndian(sb[96..]);
        const uint Ext4Incompat = 0x40 | 0x80 | 0x200 | 0x8000 | 0x10000; // extents, 64bit, flex_bg, csum_seed, large_dir
        if ((incompat & Ext4Incompat) != 0)
        {
            return "ext4";
        }

        return (compat & 0x4) != 0 ? "ext3" : "ext2";
    }
}
