using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Files;

public sealed partial class VhdFile
{
    private int SectorsPerBlock => BlockSize / 512;

    private int BitmapBytes => bitmaps.BitmapBytes;

    /// <summary>
    /// Describes the run of sectors from <paramref name="sector"/> (at most <paramref name="maxSectors"/>, never crossing a block)
    /// that share one source in this image. Returns the run length in sectors.
    /// </summary>
    internal int Probe(long sector, int maxSectors, out SectorSource source, out long fileOffset)
    {
        fileOffset = 0;
        long totalSectors = VirtualSize / 512;
        if (sector >= totalSectors)
        {
            source = SectorSource.Zero;
            return maxSectors;
        }

        int max = (int)Math.Min(maxSectors, totalSectors - sector);
        if (DiskType == VhdDiskType.Fixed)
        {
            source = SectorSource.Here;
            fileOffset = sector * 512;
            return max;
        }

        int spb = SectorsPerBlock;
        long block = sector / spb;
        int s = (int)(sector % spb);
        int run = Math.Min(max, spb - s);
        uint entry = bat[block];
        SectorSource absent = DiskType == VhdDiskType.Differencing ? SectorSource.Parent : SectorSource.Zero;
        if (entry == UnusedEntry)
        {
            source = absent;
            return run;
        }

        byte[] bitmap = GetBitmap(block);
        bool present = SectorBitmap.Test(bitmap, s);
        source = present ? SectorSource.Here : absent;
        fileOffset = entry * 512L + BitmapBytes + s * 512L;
        return SectorBitmap.RunLength(bitmap, s, run, present);
    }

    /// <summary>Reads stored bytes at a file offset previously returned by <see cref="Probe"/>.</summary>
    internal void ReadAt(long fileOffset, Span<byte> destination) =>
        RandomAccessExtensions.ReadExactly(handle, destination, fileOffset, Path);

    /// <summary>The sector bitmap of an allocated block (cached).</summary>
    internal byte[] GetBitmap(long block) => bitmaps.Get(block, b =>
    {
        var bitmap = new byte[BitmapBytes];
        RandomAccessExtensions.ReadExactly(handle, bitmap, bat[b] * 512L, Path);
        return bitmap;
    });

    /// <summary>BAT entry of a block (sector offset or <see cref="UnusedEntry"/>).</summary>
    internal uint GetBatEntry(long block) => bat[block];

    /// <summary>Writes whole sectors into this file, allocating blocks and setting bitmap bits as needed.</summary>
    internal void WriteSectors(long sector, ReadOnlySpan<byte> data)
    {
        EnsureWritable();
        if (data.Length % 512 != 0)
        {
            throw new ArgumentException("data must be whole sectors", nameof(data));
        }

        if (sector < 0 || sector * 512 + data.Length > VirtualSize)
        {
            throw new ArgumentOutOfRangeException(nameof(sector), $"write of {data.Length} bytes at sector {sector} beyond the virtual size {VirtualSize}");
        }

        if (DiskType == VhdDiskType.Fixed)
        {
            RandomAccess.Write(handle, data, sector * 512);
            return;
        }

        int spb = SectorsPerBlock;
        while (!data.IsEmpty)
        {
            long block = sector / spb;
            int s = (int)(sector % spb);
            int count = Math.Min(data.Length / 512, spb - s);
            ReadOnlySpan<byte> chunk = data[..(count * 512)];
            uint entry = bat[block];
            if (entry == UnusedEntry)
            {
                AllocateBlock(block, s, chunk);
            }
            else
            {
                RandomAccess.Write(handle, chunk, entry * 512L + BitmapBytes + s * 512L);
                byte[] bitmap = GetBitmap(block);
                if (SectorBitmap.Set(bitmap, s, count))
                {
                    RandomAccess.Write(handle, bitmap, entry * 512L);
                }
            }

            sector += count;
            data = data[chunk.Length..];
        }
    }

    private void AllocateBlock(long block, int firstSector, ReadOnlySpan<byte> chunk)
    {
        long start = AlignedBlockStart(dataEnd);
        long dataStart = start + BitmapBytes;
        long end = dataStart + BlockSize;
        // NOTE(vhd): qemu ignores bitmaps and reads allocated blocks whole, so stale bytes (an old footer)
        // inside the new block must be zeroed; bytes past the old EOF are holes and read as zeros already.
        if (fileLength > dataStart)
        {
            ZeroRange(dataStart, Math.Min(end, fileLength));
        }

        RandomAccess.Write(handle, chunk, dataStart + firstSector * 512L);
        var bitmap = new byte[BitmapBytes];
        SectorBitmap.Set(bitmap, firstSector, chunk.Length / 512);
        RandomAccess.Write(handle, bitmap, start);
        MoveFooterTo(end);
        bat[block] = (uint)(start / 512);
        Span<byte> entry = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(entry, bat[block]);
        RandomAccess.Write(handle, entry, (long)Header!.TableOffset + block * 4);
        bitmaps.Put(block, bitmap);
        AllocatedBlockCount++;
    }

    /// <summary>First sector-aligned offset at or after <paramref name="position"/> that puts block data on a 4 KiB boundary (as blktap).</summary>
    private long AlignedBlockStart(long position)
    {
        long sector = (position + 511) / 512;
        long bitmapSectors = BitmapBytes / 512;
        sector += (8 - (sector + bitmapSectors) % 8) % 8;
        return sector * 512;
    }

    /// <summary>Ends the data at <paramref name="end"/>: writes the footer there and drops anything after it.</summary>
    private void MoveFooterTo(long end)
    {
        dataEnd = end;
        footerOffset = end;
        RandomAccess.Write(handle, Footer.ToBytes(), end);
        if (fileLength > end + VhdFooter.Size)
        {
            RandomAccess.SetLength(handle, end + VhdFooter.Size);
        }

        fileLength = end + VhdFooter.Size;
    }

    /// <summary>Rewrites the EOF footer and, for dynamic and differencing disks, its copy at offset 0.</summary>
    private void WriteFooters()
    {
        byte[] bytes = Footer.ToBytes();
        RandomAccess.Write(handle, bytes, footerOffset);
        if (DiskType != VhdDiskType.Fixed)
        {
            RandomAccess.Write(handle, bytes, 0);
        }
    }

    private void WriteHeader() => RandomAccess.Write(handle, Header!.ToBytes(), (long)Footer.DataOffset);

    private void ZeroRange(long from, long to)
    {
        var zeros = new byte[Math.Min(1 << 20, Math.Max(0, to - from))];
        for (long at = from; at < to; at += zeros.Length)
        {
            RandomAccess.Write(handle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, to - at)), at);
        }
    }
}
