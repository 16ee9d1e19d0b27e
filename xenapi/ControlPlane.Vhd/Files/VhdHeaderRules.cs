using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Files;

/// <summary>Parent fields and parent locator rules of the dynamic header.</summary>
internal static class VhdHeaderRules
{
    public static void CheckParentFields(VhdLayout layout)
    {
        VhdDynamicHeader header = layout.Header!;
        bool differencing = layout.Footer!.DiskType == VhdDiskType.Differencing;
        if (!differencing)
        {
            bool anyLocator = header.ParentLocators.Any(l => l != default);
            if (header.ParentUniqueId != Guid.Empty || header.ParentTimestamp != 0 || header.ParentUnicodeName.Length != 0 || anyLocator)
            {
                layout.Add(VhdErrorCode.InvalidField, "non-differencing disk has parent fields set", false);
            }

            return;
        }

        if (header.ParentUnicodeName.Length == 0)
        {
            layout.Add(VhdErrorCode.InvalidField, "differencing disk has an empty parent name", false);
        }

        for (int i = 0; i < header.ParentLocators.Count; i++)
        {
            CheckLocator(layout, i, header.ParentLocators[i]);
        }
    }

    private static void CheckLocator(VhdLayout layout, int index, VhdParentLocator locator)
    {
        if (locator.IsEmpty)
        {
            if (locator != default)
            {
                layout.Add(VhdErrorCode.InvalidLocator, $"locator {index} has code None but non-zero fields", false);
            }

            return;
        }

        if (!Enum.IsDefined(locator.PlatformCode))
        {
            layout.Add(VhdErrorCode.InvalidLocator, $"locator {index} has unknown platform code 0x{(uint)locator.PlatformCode:x8}", false);
            return;
        }

        long space = locator.DataSpaceBytes;
        long end = (long)Math.Min(locator.DataOffset, (ulong)long.MaxValue / 2) + Math.Max(space, 0);
        if (space <= 0 || locator.DataLength == 0 || locator.DataLength > space || locator.Reserved != 0
            || locator.DataOffset < VhdFooter.Size || end > layout.FooterOffset)
        {
            layout.Add(VhdErrorCode.InvalidLocator, $"locator {index} ({locator.PlatformCode}) offset {locator.DataOffset}, space {locator.DataSpace}, length {locator.DataLength} is out of bounds", false);
            return;
        }

        layout.MetadataExtents.Add(((long)locator.DataOffset, end, $"locator {index}"));
    }
}
