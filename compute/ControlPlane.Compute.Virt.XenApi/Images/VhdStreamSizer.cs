using System.Buffers.Binary;
using ControlPlane.Vhd;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>
/// Works out the length of a dynamic or differencing VHD arriving on a forward-only stream from its first bytes
/// alone: footer copy, dynamic header, BAT and (when present) the batmap header. The file ends with its footer
/// right after the last thing it holds, so the length is the furthest end of the BAT, batmap, parent locators and
/// allocated blocks (bitmap + block), plus 512. The prefix is bounded (a table offset of at most 1 MiB, at most
/// <see cref="VhdLimits.MaxTableEntries"/> BAT entries) and every field is treated as hostile: the caller must still
/// check that exactly the computed number of bytes arrives.
/// </summary>
public static class VhdStreamSizer
{
    /// <summary>Largest table offset accepted (blktap and vhd-tool put the BAT at 1536).</summary>
    public const long MaxTableOffset = 1L << 20;

    private const uint Unused = 0xFFFFFFFF;

    /// <summary>Reads the prefix of the VHD from <paramref name="source"/>. Returns the bytes read (to be replayed
    /// before the rest of the stream) and the VHD's total length. Throws <see cref="VhdFormatException"/>.</summary>
    public static async Task<(byte[] Prefix, long Length)> ReadPrefixAsync(Stream source, CancellationToken cancellationToken)
    {
        var prefix = new byte[VhdFooter.Size];
        await FillAsync(source, prefix, 0, cancellationToken).ConfigureAwait(false);
        var footer = VhdFooter.Parse(prefix);
        if (footer.DiskType is not (VhdDiskType.Dynamic or VhdDiskType.Differencing))
        {
            throw new VhdFormatException(VhdErrorCode.UnsupportedDiskType, $"a {footer.DiskType} VHD cannot be sized from its first bytes");
        }

        if (footer.DataOffset < VhdFooter.Size || footer.DataOffset > MaxTableOffset)
        {
            throw new VhdFormatException(VhdErrorCode.InvalidField, $"header offset {footer.DataOffset} is out of bounds");
        }

        long headerAt = (long)footer.DataOffset;
        prefix = await GrowAsync(source, prefix, headerAt + VhdDynamicHeader.Size, cancellationToken).ConfigureAwait(false);
        var header = VhdDynamicHeader.Parse(prefix.AsSpan((int)headerAt, VhdDynamicHeader.Size));
        if (header.TableOffset < (ulong)(headerAt + VhdDynamicHeader.Size) || header.TableOffset > MaxTableOffset)
        {
            throw new VhdFormatException(VhdErrorCode.InvalidField, $"BAT offset {header.TableOffset} is out of bounds");
        }

        long needed = ((long)footer.CurrentSize + header.BlockSize - 1) / header.BlockSize;
        if (header.MaxTableEntries > VhdLimits.MaxTableEntries || header.MaxTableEntries < needed)
        {
            throw new VhdFormatException(VhdErrorCode.InvalidField, $"BAT of {header.MaxTableEntries} entries does not fit a {footer.CurrentSize}-byte disk");
        }

        long tableAt = (long)header.TableOffset;
        long batEnd = tableAt + Pad512(header.MaxTableEntries * 4L);

        // The record after the BAT: a batmap header, or (no batmap) block data, a locator or the footer; always present.
        prefix = await GrowAsync(source, prefix, batEnd + 512, cancellationToken).ConfigureAwait(false);
        long end = batEnd;
        var after = prefix.AsSpan((int)batEnd, 512);
        if (after[..8].SequenceEqual("tdbatmap"u8))
        {
            long mapAt = (long)BinaryPrimitives.ReadUInt64BigEndian(after[8..]);
            long mapSectors = BinaryPrimitives.ReadUInt32BigEndian(after[16..]);
            end = Math.Max(end, Math.Max(batEnd + 512, mapAt + (mapSectors * 512)));
        }

        foreach (var locator in header.ParentLocators)
        {
            if (!locator.IsEmpty && locator.DataSpaceBytes > 0)
            {
                end = Math.Max(end, (long)locator.DataOffset + locator.DataSpaceBytes);
            }
        }

        long blockBytes = header.BitmapBytes + (long)header.BlockSize;
        for (var i = 0; i < header.MaxTableEntries; i++)
        {
            uint entry = BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan((int)(tableAt + (i * 4L)), 4));
            if (entry != Unused)
            {
                end = Math.Max(end, (entry * 512L) + blockBytes);
            }
        }

        return (prefix, end + VhdFooter.Size);
    }

    private static async Task<byte[]> GrowAsync(Stream source, byte[] prefix, long length, CancellationToken cancellationToken)
    {
        if (length <= prefix.Length)
        {
            return prefix;
        }

        var grown = new byte[length];
        prefix.CopyTo(grown, 0);
        await FillAsync(source, grown, prefix.Length, cancellationToken).ConfigureAwait(false);
        return grown;
    }

    private static async Task FillAsync(Stream source, byte[] buffer, int from, CancellationToken cancellationToken)
    {
        var read = await source.ReadAtLeastAsync(buffer.AsMemory(from), buffer.Length - from, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < buffer.Length - from)
        {
            throw new VhdFormatException(VhdErrorCode.Truncated, $"the VHD ends after {from + read} bytes, inside its metadata");
        }
    }

    private static long Pad512(long value) => (value + 511) / 512 * 512;
}
