using System.Buffers.Binary;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Files;

/// <summary>
/// Writes the metadata of a new dynamic or differencing disk in blktap's layout: footer copy @0, header @512,
/// BAT @1536, batmap header + batmap, parent locators (MacX, W2ku, W2ru), then the footer.
/// </summary>
internal static class VhdSparseWriter
{
    public const long TableOffset = 1536;

    /// <summary>Parent link of a differencing disk being created.</summary>
    public sealed record ParentLink(Guid UniqueId, uint Timestamp, string Name, string RelativePath);

    public static void Create(string path, VhdFooter footer, uint blockSize, ParentLink? parent, bool overwrite)
    {
        long needed = ((long)footer.CurrentSize + blockSize - 1) / blockSize;
        if (needed > VhdLimits.MaxTableEntries)
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, $"{footer.CurrentSize} bytes need {needed} blocks, above the limit of {VhdLimits.MaxTableEntries}");
        }

        uint entries = (uint)needed;
        long batBytes = RandomAccessExtensions.Pad512(entries * 4L);
        long batmapHeader = TableOffset + batBytes;
        long mapBytes = MapBytes(entries);
        long position = batmapHeader + 512 + mapBytes;

        var locators = new VhdParentLocator[VhdDynamicHeader.LocatorCount];
        var payloads = new List<(long Offset, byte[] Data, long Space)>();
        if (parent is not null)
        {
            for (int i = 0; i < ParentLocatorCodec.Written.Length; i++)
            {
                VhdPlatformCode code = ParentLocatorCodec.Written[i];
                byte[] data = ParentLocatorCodec.Encode(code, parent.RelativePath);
                long space = Math.Max(ParentLocatorCodec.MinSpace, RandomAccessExtensions.Pad512(data.Length));
                locators[i] = new VhdParentLocator(code, (uint)space, (uint)data.Length, 0, (ulong)position);
                payloads.Add((position, data, space));
                position += space;
            }
        }

        var header = new VhdDynamicHeader
        {
            TableOffset = TableOffset,
            MaxTableEntries = entries,
            BlockSize = blockSize,
            ParentUniqueId = parent?.UniqueId ?? Guid.Empty,
            ParentTimestamp = parent?.Timestamp ?? 0,
            ParentUnicodeName = parent?.Name ?? string.Empty,
            ParentLocators = locators,
        };

        using var stream = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
        byte[] footerBytes = footer.ToBytes();
        stream.Write(footerBytes);
        stream.Write(header.ToBytes());
        var bat = new byte[batBytes];
        bat.AsSpan(0, (int)(entries * 4)).Fill(0xFF);
        stream.Write(bat);
        stream.Write(BatmapHeader(batmapHeader + 512, entries, new byte[mapBytes]));
        stream.Write(new byte[mapBytes]);
        foreach ((long offset, byte[] data, long space) in payloads)
        {
            var padded = new byte[space];
            data.CopyTo(padded, 0);
            stream.Position = offset;
            stream.Write(padded);
        }

        stream.Position = position;
        stream.Write(footerBytes);
        stream.Flush(flushToDisk: true);
    }

    public static long MapBytes(uint entries) => RandomAccessExtensions.Pad512((entries + 7) / 8);

    /// <summary>A blktap batmap header (cookie tdbatmap, version 1.2) describing <paramref name="map"/>.</summary>
    public static byte[] BatmapHeader(long mapOffset, uint entries, ReadOnlySpan<byte> map)
    {
        var b = new byte[512];
        "tdbatmap"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(8), (ulong)mapOffset);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(16), (uint)(MapBytes(entries) / 512));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(20), 0x00010002);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(24), VhdChecksum.Compute(map[..(int)((entries + 7) / 8)]));
        return b;
    }
}
