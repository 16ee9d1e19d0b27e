using System.Buffers.Binary;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Operations;

/// <summary>
/// Writes the difference between a chain and one of its ancestors as one differencing VHD (what XAPI's
/// <c>export_raw_vdi?format=vhd&amp;base=</c> returns, ocaml-vhd's <c>vhd ?from t</c>): the sectors allocated in
/// the images above the base (the leaf included, the base excluded), read through the chain. Its footer keeps the
/// leaf's unique id (unless options say otherwise); its header names the base (unique id, footer timestamp, file
/// name, relative locators). Written strictly sequentially (the stream need not seek) in constant memory beyond a
/// byte per block; blktap layout (BAT @1536, batmap, MacX/W2ku/W2ru locators, 4 KiB-aligned block data).
/// </summary>
public static class VhdDeltaExporter
{
    private const byte None = 0;
    private const byte Partial = 1;
    private const byte Full = 2;

    /// <summary>Exports what the chain of <paramref name="leafPath"/> holds above <paramref name="basePath"/> into
    /// <paramref name="output"/>. Returns bytes written. Throws <see cref="ArgumentException"/> when the base is not
    /// a strict ancestor of the leaf.</summary>
    public static long Export(string leafPath, string basePath, Stream output, VhdCreateOptions? options = null)
    {
        using VhdDisk disk = VhdDisk.Open(leafPath);
        return Export(disk, BaseLevel(disk, basePath), output, options);
    }

    /// <summary>The exact length <see cref="Export(string, string, Stream, VhdCreateOptions?)"/> will write.</summary>
    public static long Measure(string leafPath, string basePath)
    {
        using VhdDisk disk = VhdDisk.Open(leafPath);
        int level = BaseLevel(disk, basePath);
        return new Layout(disk, Classify(disk, level, BlockSizeOf(disk)), disk.Chain[level]).Length;
    }

    /// <summary>Exports the images of <paramref name="disk"/> above chain level <paramref name="baseLevel"/> (1 = the leaf's parent).</summary>
    public static long Export(VhdDisk disk, int baseLevel, Stream output, VhdCreateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(disk);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(baseLevel, disk.Chain.Count);
        options ??= VhdCreateOptions.Default;
        int blockSize = BlockSizeOf(disk);
        byte[] states = Classify(disk, baseLevel, blockSize);
        VhdFile parent = disk.Chain[baseLevel];
        var layout = new Layout(disk, states, parent);

        long size = disk.VirtualSize;
        var footer = new VhdFooter
        {
            DataOffset = VhdFooter.Size,
            Timestamp = VhdTimestamp.FromDateTime(options.TimeProvider.GetUtcNow()),
            OriginalSize = (ulong)size,
            CurrentSize = (ulong)size,
            Geometry = VhdGeometry.FromSize(size),
            DiskType = VhdDiskType.Differencing,
            UniqueId = options.UniqueId ?? disk.Leaf.UniqueId,
            Hidden = options.Hidden,
        }.WithComputedChecksum();
        var locators = new VhdParentLocator[VhdDynamicHeader.LocatorCount];
        for (int i = 0; i < layout.Locators.Count; i++)
        {
            (VhdPlatformCode code, byte[] data, long offset, long space) = layout.Locators[i];
            locators[i] = new VhdParentLocator(code, (uint)space, (uint)data.Length, 0, (ulong)offset);
        }

        var header = new VhdDynamicHeader
        {
            TableOffset = VhdSparseWriter.TableOffset,
            MaxTableEntries = (uint)states.Length,
            BlockSize = (uint)blockSize,
            ParentUniqueId = parent.UniqueId,
            ParentTimestamp = parent.Footer.Timestamp,
            ParentUnicodeName = Path.GetFileName(parent.Path),
            ParentLocators = locators,
        };

        var writer = new Writer(output);
        byte[] footerBytes = footer.ToBytes();
        writer.Write(footerBytes);
        writer.Write(header.ToBytes());
        writer.Write(layout.Bat);
        writer.Write(VhdSparseWriter.BatmapHeader(layout.MapOffset, (uint)states.Length, layout.Map));
        writer.Write(layout.Map);
        foreach ((_, byte[] data, long offset, long space) in layout.Locators)
        {
            writer.PadTo(offset);
            writer.Write(data);
            writer.PadTo(offset + space);
        }

        WriteBlocks(disk, baseLevel, blockSize, states, layout, writer);
        writer.PadTo(layout.Length - VhdFooter.Size);
        writer.Write(footerBytes);
        output.Flush();
        return writer.Position;
    }

    private static int BaseLevel(VhdDisk disk, string basePath)
    {
        string full = Path.GetFullPath(basePath);
        for (int i = 1; i < disk.Chain.Count; i++)
        {
            if (string.Equals(disk.Chain[i].Path, full, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"{basePath} is not an ancestor of {disk.Leaf.Path}", nameof(basePath));
    }

    private static int BlockSizeOf(VhdDisk disk) => disk.Leaf.BlockSize > 0 ? disk.Leaf.BlockSize : VhdLimits.DefaultBlockSize;

    /// <summary>Per output block: none, partly or fully present in the images above the base.</summary>
    private static byte[] Classify(VhdDisk disk, int baseLevel, int blockSize)
    {
        int entries = (int)((disk.VirtualSize + blockSize - 1) / blockSize);
        var states = new byte[entries];
        int bitmapBytes = VhdDynamicHeader.BitmapBytesFor((uint)blockSize);
        var bitmap = new byte[bitmapBytes];
        int sectors = blockSize / 512;
        for (int b = 0; b < entries; b++)
        {
            if (!FillBitmap(disk, baseLevel, blockSize, b, bitmap))
            {
                continue;
            }

            long limit = Math.Min(sectors, disk.VirtualSize / 512 - (long)b * sectors);
            states[b] = SectorBitmap.RunLength(bitmap, 0, (int)limit, true) >= limit ? Full : Partial;
        }

        return states;
    }

    /// <summary>ORs the sector bitmaps of the images above the base for output block <paramref name="block"/>. False when empty.</summary>
    private static bool FillBitmap(VhdDisk disk, int baseLevel, int blockSize, int block, byte[] bitmap)
    {
        Array.Clear(bitmap);
        bool any = false;
        int sectors = blockSize / 512;
        long first = (long)block * sectors;
        for (int level = 0; level < baseLevel; level++)
        {
            VhdFile image = disk.Chain[level];
            long end = Math.Min(first + sectors, Math.Min(disk.VirtualSize, image.VirtualSize) / 512);
            if (image.BlockSize == 0 || end <= first)
            {
                continue;
            }

            int imageSectors = image.BlockSize / 512;
            for (long s = first; s < end;)
            {
                int imageBlock = (int)(s / imageSectors);
                long blockEnd = Math.Min(end, ((long)imageBlock + 1) * imageSectors);
                if (!image.IsBlockAllocated(imageBlock))
                {
                    s = blockEnd;
                    continue;
                }

                byte[] source = image.GetBitmap(imageBlock);
                if (imageSectors == sectors && s == first && blockEnd == first + sectors)
                {
                    for (int i = 0; i < bitmap.Length && i < source.Length; i++)
                    {
                        bitmap[i] |= source[i];
                        any |= source[i] != 0;
                    }

                    s = blockEnd;
                    continue;
                }

                for (; s < blockEnd; s++)
                {
                    if (SectorBitmap.Test(source, (int)(s - (long)imageBlock * imageSectors)))
                    {
                        int at = (int)(s - first);
                        bitmap[at >> 3] |= (byte)(0x80 >> (at & 7));
                        any = true;
                    }
                }
            }
        }

        return any;
    }

    private static void WriteBlocks(VhdDisk disk, int baseLevel, int blockSize, byte[] states, Layout layout, Writer writer)
    {
        var bitmap = new byte[VhdDynamicHeader.BitmapBytesFor((uint)blockSize)];
        var data = new byte[blockSize];
        for (int b = 0; b < states.Length; b++)
        {
            if (states[b] == None)
            {
                continue;
            }

            FillBitmap(disk, baseLevel, blockSize, b, bitmap);
            int n = disk.Read((long)b * blockSize, data);
            data.AsSpan(n).Clear();
            for (int s = 0; s < blockSize / 512; s++)
            {
                if (!SectorBitmap.Test(bitmap, s))
                {
                    data.AsSpan(s * 512, 512).Clear();
                }
            }

            writer.PadTo(layout.BlockStart[b]);
            writer.Write(bitmap);
            writer.Write(data);
        }
    }

    /// <summary>Where everything goes: BAT, batmap, locators, each block, and the total length.</summary>
    private sealed class Layout
    {
        public Layout(VhdDisk disk, byte[] states, VhdFile parent)
        {
            uint entries = (uint)states.Length;
            int bitmapBytes = VhdDynamicHeader.BitmapBytesFor((uint)BlockSizeOf(disk));
            long batBytes = RandomAccessExtensions.Pad512(entries * 4L);
            Bat = new byte[batBytes];
            Map = new byte[VhdSparseWriter.MapBytes(entries)];
            MapOffset = VhdSparseWriter.TableOffset + batBytes + 512;
            long position = MapOffset + Map.Length;
            string relative = "./" + Path.GetFileName(parent.Path);
            foreach (VhdPlatformCode code in ParentLocatorCodec.Written)
            {
                byte[] data = ParentLocatorCodec.Encode(code, relative);
                long space = Math.Max(ParentLocatorCodec.MinSpace, RandomAccessExtensions.Pad512(data.Length));
                Locators.Add((code, data, position, space));
                position += space;
            }

            BlockStart = new long[entries];
            for (uint i = 0; i < entries; i++)
            {
                uint entry = VhdFile.UnusedEntry;
                if (states[i] != None)
                {
                    long sector = (position + 511) / 512;
                    sector += (8 - ((sector + (bitmapBytes / 512)) % 8)) % 8;
                    position = sector * 512;
                    BlockStart[i] = position;
                    entry = (uint)sector;
                    position += bitmapBytes + BlockSizeOf(disk);
                    if (states[i] == Full)
                    {
                        Map[i / 8] |= (byte)(0x80 >> (int)(i % 8));
                    }
                }

                BinaryPrimitives.WriteUInt32BigEndian(Bat.AsSpan((int)i * 4), entry);
            }

            Length = position + VhdFooter.Size;
        }

        public byte[] Bat { get; }
        public byte[] Map { get; }
        public long MapOffset { get; }
        public List<(VhdPlatformCode Code, byte[] Data, long Offset, long Space)> Locators { get; } = [];
        public long[] BlockStart { get; }
        public long Length { get; }
    }

    /// <summary>Counts bytes written and pads with zeros, so no seeking is ever needed.</summary>
    private sealed class Writer(Stream stream)
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
