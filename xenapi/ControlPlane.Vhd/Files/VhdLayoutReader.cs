using System.Buffers.Binary;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.Vhd.Files;

/// <summary>
/// Bounds-checked parse of one VHD file. Never throws for bad content: every defect becomes a problem,
/// marked fatal when the file cannot be used safely. <see cref="VhdFile.Open"/> throws the first fatal one.
/// </summary>
internal static class VhdLayoutReader
{
    public static VhdLayout Read(SafeFileHandle handle, string path)
    {
        long length = RandomAccess.GetLength(handle);
        var layout = new VhdLayout { Path = path, FileLength = length };
        if (length < VhdFooter.Size)
        {
            layout.Add(VhdErrorCode.Truncated, $"file is {length} bytes, shorter than a footer", true);
            return layout;
        }

        if (!ReadFooters(handle, layout))
        {
            return layout;
        }

        VhdFooter footer = layout.Footer!;
        VhdFooterRules.Check(footer, layout);
        if (footer.DiskType == VhdDiskType.Fixed)
        {
            if ((long)footer.CurrentSize > layout.FooterOffset)
            {
                layout.Add(VhdErrorCode.Truncated, $"fixed disk of {footer.CurrentSize} bytes but only {layout.FooterOffset} bytes of data", true);
            }

            layout.DataEnd = layout.FooterOffset;
            return layout;
        }

        if (!ReadHeader(handle, layout))
        {
            return layout;
        }

        VhdBatReader.Read(handle, layout);
        return layout;
    }

    private static bool ReadFooters(SafeFileHandle handle, VhdLayout layout)
    {
        long length = layout.FileLength;
        // NOTE(vhd): very old Virtual PC files end in a 511-byte footer; libvhd tolerates that.
        int footerLength = length % 512 == 511 ? 511 : 512;
        layout.FooterOffset = length - footerLength;
        var primaryBytes = new byte[VhdFooter.Size];
        RandomAccessExtensions.ReadExactly(handle, primaryBytes.AsSpan(0, footerLength), layout.FooterOffset, layout.Path);
        var backupBytes = new byte[VhdFooter.Size];
        RandomAccessExtensions.ReadExactly(handle, backupBytes, 0, layout.Path);

        VhdFooter? primary = TryParse(primaryBytes, out VhdFormatException? primaryError);
        VhdFooter? backup = layout.FooterOffset == 0 ? null : TryParse(backupBytes, out _);
        bool backupUsable = backup is { DiskType: VhdDiskType.Dynamic or VhdDiskType.Differencing };

        if (primary is null)
        {
            if (!backupUsable)
            {
                layout.Add(primaryError!.Reason, "primary footer invalid: " + primaryError.Message, true);
                return false;
            }

            layout.Add(primaryError!.Reason, "primary footer invalid (backup copy at offset 0 used): " + primaryError.Message, false);
            layout.Footer = backup;
            return true;
        }

        layout.Footer = primary;
        if (primary.DiskType != VhdDiskType.Fixed)
        {
            if (backup is null)
            {
                layout.Add(VhdErrorCode.FooterMismatch, "backup footer at offset 0 is missing or invalid", false);
            }
            else if (!primaryBytes.AsSpan().SequenceEqual(backupBytes))
            {
                layout.Add(VhdErrorCode.FooterMismatch, "primary footer and backup footer at offset 0 differ", false);
            }
        }

        return true;
    }

    private static bool ReadHeader(SafeFileHandle handle, VhdLayout layout)
    {
        ulong dataOffset = layout.Footer!.DataOffset;
        if (dataOffset < VhdFooter.Size || dataOffset > (ulong)layout.FooterOffset || (ulong)layout.FooterOffset - dataOffset < VhdDynamicHeader.Size)
        {
            layout.Add(VhdErrorCode.BadDataOffset, $"data offset {dataOffset} does not leave room for a dynamic header before the footer", true);
            return false;
        }

        var bytes = new byte[VhdDynamicHeader.Size];
        RandomAccessExtensions.ReadExactly(handle, bytes, (long)dataOffset, layout.Path);
        try
        {
            layout.Header = VhdDynamicHeader.Parse(bytes);
        }
        catch (VhdFormatException e)
        {
            layout.Add(e.Reason, e.Message, true);
            return false;
        }

        VhdDynamicHeader header = layout.Header;
        layout.MetadataExtents.Add((0, VhdFooter.Size, "footer copy"));
        layout.MetadataExtents.Add(((long)dataOffset, (long)dataOffset + VhdDynamicHeader.Size, "dynamic header"));
        if (header.DataOffset != ulong.MaxValue)
        {
            layout.Add(VhdErrorCode.InvalidField, "dynamic header data offset is not all ones", false);
        }

        VhdHeaderRules.CheckParentFields(layout);
        long needed = ((long)layout.Footer.CurrentSize + header.BlockSize - 1) / header.BlockSize;
        if (header.MaxTableEntries < needed)
        {
            layout.Add(VhdErrorCode.InvalidTable, $"{header.MaxTableEntries} BAT entries cannot map {layout.Footer.CurrentSize} bytes", true);
            return false;
        }

        long tableEnd = (long)header.TableOffset + header.MaxTableEntries * 4L;
        if (header.TableOffset < VhdFooter.Size || tableEnd > layout.FooterOffset)
        {
            layout.Add(VhdErrorCode.InvalidTable, $"BAT at {header.TableOffset} ({header.MaxTableEntries} entries) lies outside the file", true);
            return false;
        }

        layout.MetadataExtents.Add(((long)header.TableOffset, tableEnd, "BAT"));
        return true;
    }

    private static VhdFooter? TryParse(byte[] bytes, out VhdFormatException? error)
    {
        try
        {
            error = null;
            return VhdFooter.Parse(bytes);
        }
        catch (VhdFormatException e)
        {
            error = e;
            return null;
        }
    }

    internal static uint ReadUInt32(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt32BigEndian(b[offset..]);
}
