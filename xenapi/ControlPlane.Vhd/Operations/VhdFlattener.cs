using System.Buffers.Binary;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Operations;

/// <summary>
/// Writes a chain as one dynamic VHD to a stream, strictly sequentially (the stream need not seek) and in
/// constant memory: the output BAT is computed from the chain's allocation first, then metadata and blocks follow.
/// </summary>
public static class VhdFlattener
{
    private const int BlockSize = VhdLimits.DefaultBlockSize;
    private const int BitmapBytes = 512;

    /// <summary>Flattens the chain whose leaf is <paramref name="leafPath"/> into <paramref name="output"/>. Returns bytes written.</summary>
    public static long Flatten(string leafPath, Stream output, VhdCreateOptions? options = null)
    {
        using VhdDisk disk = VhdDisk.Open(leafPath);
        return Flatten(disk, output, options);
    }

    /// <summary>Flattens an open disk into <paramref name="output"/>. Returns bytes written.</summary>
    public static long Flatten(VhdDisk disk, Stream output, VhdCreateOptions? options = null)
    {
        options ??= VhdCreateOptions.Default;
        long size = disk.VirtualSize;
        uint entries = (uint)((size + BlockSize - 1) / BlockSize);
        bool[] allocated = AllocationMap(disk, entries);

        long batBytes = RandomAccessExtensions.Pad512(entries * 4L);
        long mapBytes = VhdSparseWriter.MapBytes(entries);
        long position = VhdSparseWriter.TableOffset + batBytes + 512 + mapBytes;
        var bat = new byte[batBytes];
        var map = new byte[mapBytes];
        long firstBlock = position;
        for (uint i = 0; i < entries; i++)
        {
            uint entry = VhdFile.UnusedEntry;
            if (allocated[i])
            {
                position = AlignedBlockStart(position);
                entry = (uint)(position / 512);
                map[i / 8] |= (byte)(0x80 >> (int)(i % 8));
                position += BitmapBytes + BlockSize;
            }

            BinaryPrimitives.WriteUInt32BigEndian(bat.AsSpan((int)i * 4), entry);
        }

        var footer = new VhdFooter
        {
            DataOffset = VhdFooter.Size,
            Timestamp = VhdTimestamp.FromDateTime(options.TimeProvider.GetUtcNow()),
            OriginalSize = (ulong)size,
            CurrentSize = (ulong)size,
            Geometry = VhdGeometry.FromSize(size),
            DiskType = VhdDiskType.Dynamic,
            UniqueId = options.UniqueId ?? Guid.NewGuid(),
            Hidden = options.Hidden,
        }.WithComputedChecksum();
        var header = new VhdDynamicHeader { TableOffset = VhdSparseWriter.TableOffset, MaxTableEntries = entries, BlockSize = BlockSize };

        OutputPresizer.Presize(output, position + VhdFooter.Size);
        var writer = new SequentialWriter(output);
        byte[] footerBytes = footer.ToBytes();
        writer.Write(footerBytes);
        writer.Write(header.ToBytes());
        writer.Write(bat);
        writer.Write(VhdSparseWriter.BatmapHeader(VhdSparseWriter.TableOffset + batBytes + 512, entries, map));
        writer.Write(map);
        WriteBlocks(disk, writer, allocated, firstBlock);
        writer.Write(footerBytes);
        output.Flush();
        return writer.Position;
    }

    /// <summary>Writes the allocated blocks in BAT order, placing each exactly where the BAT loop above put it.</summary>
    private static void WriteBlocks(VhdDisk disk, SequentialWriter writer, bool[] allocated, long position)
    {
        var fullBitmap = new byte[BitmapBytes];
        fullBitmap.AsSpan().Fill(0xFF);
        var data = new byte[BlockSize];
        for (int i = 0; i < allocated.Length; i++)
        {
            if (!allocated[i])
            {
                continue;
            }

            position = AlignedBlockStart(position);
            writer.PadTo(position);
            writer.Write(fullBitmap);
            position += BitmapBytes + BlockSize;
            long offset = (long)i * BlockSize;
            int n = disk.Read(offset, data);
            data.AsSpan(n).Clear();
            writer.Write(data);
        }
    }

    /// <summary>Which 2 MiB output blocks any image of the chain has allocated (within the leaf's size).</summary>
    private static bool[] AllocationMap(VhdDisk disk, uint entries)
    {
        var allocated = new bool[entries];
        long size = disk.VirtualSize;
        foreach (VhdFile image in disk.Chain)
        {
            long limit = Math.Min(size, image.VirtualSize);
            if (image.DiskType == VhdDiskType.Fixed)
            {
                MarkRange(allocated, 0, limit);
                continue;
            }

            for (int block = 0; block < image.TableEntries; block++)
            {
                long start = (long)block * image.BlockSize;
                if (start >= limit)
                {
                    break;
                }

                if (image.IsBlockAllocated(block))
                {
                    MarkRange(allocated, start, Math.Min(limit, start + image.BlockSize));
                }
            }
        }

        return allocated;
    }

    private static void MarkRange(bool[] allocated, long from, long to)
    {
        for (long b = from / BlockSize; b * BlockSize < to && b < allocated.Length; b++)
        {
            allocated[b] = true;
        }
    }

    private static long AlignedBlockStart(long position)
    {
        long sector = (position + 511) / 512;
        sector += (8 - (sector + 1) % 8) % 8;
        return sector * 512;
    }

    /// <summary>Counts bytes written and pads with zeros, so no seeking is ever needed.</summary>
    private sealed class SequentialWriter(Stream stream)
    {
        private static readonly byte[] Zeros = new byte[4096];

        public long Position { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            stream.Write(bytes);
            Position += bytes.Length;
        }

        public void PadTo(long target)
        {
            while (Position < target)
            {
                Write(Zeros.AsSpan(0, (int)Math.Min(Zeros.Length, target - Position)));
            }
        }
    }
}
