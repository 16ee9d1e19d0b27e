using System.Buffers.Binary;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using ControlPlane.Vhd.Pipeline;

namespace ControlPlane.Vhd.Operations;

/// <summary>
/// Writes a chain as one dynamic VHD to a stream, strictly sequentially (the stream need not seek) and in
/// constant memory: the output BAT is computed from the chain's allocation first, then metadata and blocks follow.
/// Blocks are read on one thread and written on the caller's, through a few reusable buffers, so reads overlap writes.
/// On failure or cancellation the method throws, the trailing footer is never written, and an output file it had
/// presized is cut back to the bytes actually written (so no full-length file is left looking complete).
/// </summary>
public static class VhdFlattener
{
    private const int BlockSize = VhdLimits.DefaultBlockSize;
    private const int BitmapBytes = 512;

    /// <summary>Flattens the chain whose leaf is <paramref name="leafPath"/> into <paramref name="output"/>. Returns bytes written.</summary>
    public static long Flatten(string leafPath, Stream output, VhdCreateOptions? options = null, CancellationToken cancellationToken = default)
    {
        using VhdDisk disk = VhdDisk.Open(leafPath);
        return Flatten(disk, output, options, cancellationToken);
    }

    /// <summary>Flattens an open disk into <paramref name="output"/>. Returns bytes written.</summary>
    public static long Flatten(VhdDisk disk, Stream output, VhdCreateOptions? options = null, CancellationToken cancellationToken = default)
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

        bool presized = OutputPresizer.Presize(output, position + VhdFooter.Size);
        var writer = new SequentialWriter(output);
        try
        {
            byte[] footerBytes = footer.ToBytes();
            writer.Write(footerBytes);
            writer.Write(header.ToBytes());
            writer.Write(bat);
            writer.Write(VhdSparseWriter.BatmapHeader(VhdSparseWriter.TableOffset + batBytes + 512, entries, map));
            writer.Write(map);
            BlockPipeline.Run(
                PipelineBlock.Alignment + BlockSize,
                sink => ReadBlocks(disk, allocated, firstBlock, sink),
                block => writer.Write(block.Data),
                cancellationToken);
            writer.Write(footerBytes);
            output.Flush();
            return writer.Position;
        }
        catch when (presized)
        {
            OutputPresizer.CutBack(output, writer.Position);
            throw;
        }
    }

    /// <summary>
    /// Reads the allocated blocks in BAT order, each as one buffer: the zero padding that puts it exactly where the BAT
    /// loop above placed it, a full sector bitmap, then the 2 MiB of data (so the writer issues one write per block).
    /// </summary>
    private static void ReadBlocks(VhdDisk disk, bool[] allocated, long position, PipelineSink sink)
    {
        for (int i = 0; i < allocated.Length; i++)
        {
            if (!allocated[i])
            {
                continue;
            }

            sink.Token.ThrowIfCancellationRequested();
            long start = AlignedBlockStart(position);
            int pad = (int)(start - position);
            PipelineBlock block = sink.Rent();
            // The data goes to a page-aligned place in the buffer, as it does in the output file.
            block.Offset = PipelineBlock.Alignment - pad - BitmapBytes;
            block.Length = pad + BitmapBytes + BlockSize;
            Span<byte> buffer = block.Data;
            buffer[..pad].Clear();
            buffer.Slice(pad, BitmapBytes).Fill(0xFF);
            Span<byte> data = buffer.Slice(pad + BitmapBytes, BlockSize);
            int n = disk.Read((long)i * BlockSize, data);
            data[n..].Clear();
            sink.Post(block);
            position = start + BitmapBytes + BlockSize;
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

    /// <summary>Counts bytes written, so no seeking is ever needed.</summary>
    private sealed class SequentialWriter(Stream stream)
    {
        private readonly FileWriteback writeback = new(stream);

        public long Position { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            SlicedWriter.Write(stream, bytes, Position);
            Position += bytes.Length;
            writeback.Written(bytes.Length);
        }
    }
}
