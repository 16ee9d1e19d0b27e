using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Files;

/// <summary>Footer rules vhd-util check enforces beyond what parsing needs (reported, not fatal).</summary>
internal static class VhdFooterRules
{
    public static void Check(VhdFooter footer, VhdLayout layout)
    {
        if ((footer.Features & ~(VhdFooter.FeatureReserved | VhdFooter.FeatureTemporary)) != 0)
        {
            layout.Add(VhdErrorCode.InvalidField, $"unknown footer feature bits 0x{footer.Features:x8}", false);
        }

        if ((footer.Features & VhdFooter.FeatureReserved) == 0)
        {
            layout.Add(VhdErrorCode.InvalidField, "reserved footer feature bit 0x2 is not set", false);
        }

        if (footer.FormatVersion != VhdFooter.Version1)
        {
            layout.Add(VhdErrorCode.InvalidField, $"footer version 0x{footer.FormatVersion:x8} is not 0x00010000", false);
        }

        if (footer.DiskType == VhdDiskType.Fixed && footer.DataOffset != ulong.MaxValue)
        {
            layout.Add(VhdErrorCode.InvalidField, "fixed disk data offset is not all ones", false);
        }

        if (footer.Geometry.TotalSectors > VhdGeometry.FromSize((long)footer.CurrentSize).TotalSectors)
        {
            layout.Add(VhdErrorCode.InvalidField, $"geometry {footer.Geometry} too large for {footer.CurrentSize} bytes", false);
        }

        if (footer.UniqueId == Guid.Empty)
        {
            layout.Add(VhdErrorCode.InvalidField, "unique id is all zero", false);
        }

        if (footer.OriginalSize > (ulong)VhdLimits.MaxDiskSize)
        {
            layout.Add(VhdErrorCode.InvalidField, $"original size {footer.OriginalSize} above 2 TiB", false);
        }
    }
}
