using System.Buffers.Binary;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.Vhd.Files;

/// <summary>Reads the BAT and the optional blktap batmap, and checks every block's bounds and overlaps.</summary>
internal static class VhdBatReader
{
    private static ReadOnlySpan<byte> BatmapCookie => "tdbatmap"u8;

    public static void Read(SafeFileHandle handle, VhdLayout layout)
    {
        VhdDynamicHeader header = layout.Header!;
        int entries = (int)header.MaxTableEntries;
        var raw = new byte[entries * 4L];
        RandomAccessExtensions.ReadExactly(handle, raw, (long)header.TableOffset, layout.Path);
        var bat = new uint[entries];
        for (int i = 0; i < entries; i++)
        {
            bat[i] = BinaryPrimitives.ReadUInt32BigEndian(raw.AsSpan(i * 4));
        }

        layout.Bat = bat;
        ReadBatmap(handle, layout);
        CheckBlocks(layout);
    }

    private static void ReadBatmap(SafeFileHandle handle, VhdLayout layout)
    {
        VhdDynamicHeader header = layout.Header!;
        long at = (long)header.TableOffset + RandomAccessExtensions.Pad512(header.MaxTableEntries * 4L);
        bool expected = layout.Footer!.CreatorApplication == "tap\0" && layout.Footer.CreatorVersion >= 0x00010002;
        Span<byte> hdr = stackalloc byte[512];
        if (at + 512 > layout.FooterOffset)
        {
            if (expected)
            {
                layout.Add(VhdErrorCode.InvalidField, "creator tap >= 1.2 but no batmap", false);
            }

            return;
        }

        RandomAccessExtensions.ReadExactly(handle, hdr, at, layout.Path);
        if (!hdr[..8].SequenceEqual(BatmapCookie))
        {
            if (expected)
            {
                layout.Add(VhdErrorCode.InvalidField, "creator tap >= 1.2 but no batmap", false);
            }

            return;
        }

        ulong mapOffset = BinaryPrimitives.ReadUInt64BigEndian(hdr[8..]);
        uint mapSectors = BinaryPrimitives.ReadUInt32BigEndian(hdr[16..]);
        uint checksum = BinaryPrimitives.ReadUInt32BigEndian(hdr[24..]);
        long needed = RandomAccessExtensions.Pad512((header.MaxTableEntries + 7) / 8);
        if (mapOffset < (ulong)(at + 512) || mapSectors * 512L < needed || mapSectors > 4096
            || mapOffset + mapSectors * 512UL > (ulong)layout.FooterOffset)
        {
            layout.Add(VhdErrorCode.InvalidField, $"batmap at {mapOffset} ({mapSectors} sectors) is out of bounds", false);
            return;
        }

        var map = new byte[mapSectors * 512];
        RandomAccessExtensions.ReadExactly(handle, map, (long)mapOffset, layout.Path);
        if (VhdChecksum.Compute(map.AsSpan(0, (int)((header.MaxTableEntries + 7) / 8))) != checksum)
        {
            layout.Add(VhdErrorCode.InvalidField, "batmap checksum mismatch", false);
        }

        layout.BatmapOffset = at;
        layout.MetadataExtents.Add((at, at + 512, "batmap header"));
        layout.MetadataExtents.Add(((long)mapOffset, (long)mapOffset + mapSectors * 512L, "batmap"));
    }

    private static void CheckBlocks(VhdLayout layout)
    {
        VhdDynamicHeader header = layout.Header!;
        long bitmapBytes = header.BitmapBytes;
        long span = bitmapBytes + header.BlockSize;
        long dataEnd = 0;
        var starts = new List<uint>();
        for (int i = 0; i < layout.Bat.Length; i++)
        {
            uint entry = layout.Bat[i];
            if (entry == VhdFile.UnusedEntry)
            {
                continue;
            }

            long start = entry * 512L;
            if (start + bitmapBytes > layout.FooterOffset)
            {
                layout.Add(VhdErrorCode.BatEntryOutOfRange, $"block {i}: bitmap at byte {start} lies beyond the end of data ({layout.FooterOffset})", true);
                continue;
            }

            if (start + span > layout.FooterOffset)
            {
                layout.Add(VhdErrorCode.BatEntryOutOfRange, $"block {i}: data at byte {start + bitmapBytes} runs beyond the end of data ({layout.FooterOffset})", true);
                continue;
            }

            starts.Add(entry);
            dataEnd = Math.Max(dataEnd, start + span);
        }

        starts.Sort();
        for (int i = 1; i < starts.Count; i++)
        {
            if ((starts[i] - (long)starts[i - 1]) * 512 < span)
            {
                layout.Add(VhdErrorCode.BlocksOverlap, $"blocks at sectors {starts[i - 1]} and {starts[i]} overlap", true);
            }
        }

        foreach ((long mStart, long mEnd, string name) in layout.MetadataExtents)
        {
            dataEnd = Math.Max(dataEnd, mEnd);
            int first = LowerBound(starts, (mStart - span) / 512 + 1);
            for (int j = first; j < starts.Count && starts[j] * 512L < mEnd; j++)
            {
                if (starts[j] * 512L + span > mStart)
                {
                    layout.Add(VhdErrorCode.BlocksOverlap, $"block at sector {starts[j]} overlaps the {name}", true);
                }
            }
        }

        CheckMetadataOverlaps(layout);
        layout.DataEnd = dataEnd;
    }

    private static void CheckMetadataOverlaps(VhdLayout layout)
    {
        var extents = layout.MetadataExtents.OrderBy(e => e.Start).ToList();
        for (int i = 1; i < extents.Count; i++)
        {
            if (extents[i].Start < extents[i - 1].End)
            {
                layout.Add(VhdErrorCode.BlocksOverlap, $"the {extents[i - 1].Name} overlaps the {extents[i].Name}", true);
            }
        }
    }

    private static int LowerBound(List<uint> sorted, long value)
    {
        if (value <= 0)
        {
            return 0;
        }

        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
