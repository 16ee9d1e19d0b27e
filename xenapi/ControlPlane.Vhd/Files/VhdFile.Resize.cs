using System.Buffers.Binary;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Files;

public sealed partial class VhdFile
{
    /// <summary>
    /// Grows the virtual size to <paramref name="newSize"/> bytes (rounded up to a sector; shrinking is refused).
    /// When the BAT is too small it is enlarged in place, moving any blocks and locators in its way to the end.
    /// </summary>
    public void Resize(long newSize)
    {
        EnsureWritable();
        long size = CheckedSize(newSize);
        if (size < VirtualSize)
        {
            throw new ArgumentOutOfRangeException(nameof(newSize), newSize, $"cannot shrink {Path} below {VirtualSize} bytes");
        }

        if (size == VirtualSize)
        {
            return;
        }

        if (DiskType == VhdDiskType.Fixed)
        {
            RandomAccess.SetLength(handle, size + VhdFooter.Size);
            footerOffset = dataEnd = size;
            fileLength = size + VhdFooter.Size;
        }
        else
        {
            long entries = (size + BlockSize - 1) / BlockSize;
            if (entries > VhdLimits.MaxTableEntries)
            {
                throw new ArgumentOutOfRangeException(nameof(newSize), newSize, $"{entries} blocks exceed the BAT limit of {VhdLimits.MaxTableEntries}");
            }

            if (entries > bat.Length)
            {
                GrowTable((uint)entries);
            }
        }

        Footer = (Footer with { CurrentSize = (ulong)size, Geometry = VhdGeometry.FromSize(size) }).WithComputedChecksum();
        WriteFooters();
    }

    private void GrowTable(uint entries)
    {
        long tableOffset = (long)Header!.TableOffset;
        long batBytes = RandomAccessExtensions.Pad512(entries * 4L);
        long mapBytes = VhdSparseWriter.MapBytes(entries);
        long regionEnd = tableOffset + batBytes + 512 + mapBytes;

        // Move whatever lies in the new metadata region to the end of the data (never into the region itself).
        dataEnd = Math.Max(dataEnd, regionEnd);
        long span = BitmapBytes + BlockSize;
        for (int i = 0; i < bat.Length; i++)
        {
            long start = bat[i] * 512L;
            if (bat[i] != UnusedEntry && start < regionEnd && start + span > tableOffset)
            {
                long target = AlignedBlockStart(dataEnd);
                CopyRange(start, target, span);
                bat[i] = (uint)(target / 512);
                MoveFooterTo(target + span);
            }
        }

        var locators = Header.ParentLocators.ToArray();
        for (int i = 0; i < locators.Length; i++)
        {
            long space = locators[i].DataSpaceBytes;
            long offset = (long)Math.Min(locators[i].DataOffset, long.MaxValue / 4);
            if (!locators[i].IsEmpty && space > 0 && offset < regionEnd && offset + space > tableOffset)
            {
                long target = RandomAccessExtensions.Pad512(dataEnd);
                CopyRange(offset, target, space);
                locators[i] = locators[i] with { DataOffset = (ulong)target };
                MoveFooterTo(target + space);
            }
        }

        var newBat = new uint[entries];
        Array.Fill(newBat, UnusedEntry);
        bat.CopyTo(newBat, 0);
        bat = newBat;
        var raw = new byte[batBytes];
        raw.AsSpan((int)(entries * 4)).Clear();
        for (int i = 0; i < entries; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(raw.AsSpan(i * 4), bat[i]);
        }

        RandomAccess.Write(handle, raw, tableOffset);
        long batmapAt = tableOffset + batBytes;
        var map = new byte[mapBytes];
        RandomAccess.Write(handle, VhdSparseWriter.BatmapHeader(batmapAt + 512, entries, map), batmapAt);
        RandomAccess.Write(handle, map, batmapAt + 512);
        batmapOffset = batmapAt;
        if (footerOffset < dataEnd)
        {
            MoveFooterTo(dataEnd);
        }

        Header = Header with { MaxTableEntries = entries, ParentLocators = locators };
        WriteHeader();
        bitmaps.Clear();
    }

    private void CopyRange(long from, long to, long length)
    {
        var buffer = new byte[Math.Min(length, 1 << 20)];
        for (long done = 0; done < length; done += buffer.Length)
        {
            Span<byte> chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - done));
            ReadAt(from + done, chunk);
            RandomAccess.Write(handle, chunk, to + done);
        }
    }
}
