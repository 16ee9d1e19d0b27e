using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Files;

public sealed partial class VhdFile
{
    /// <summary>Paths stored in the parent locators (decoded, forward slashes, in locator order, duplicates removed).</summary>
    public IReadOnlyList<string> ParentLocatorPaths
    {
        get
        {
            var paths = new List<string>();
            if (DiskType != VhdDiskType.Differencing)
            {
                return paths;
            }

            foreach (VhdParentLocator locator in Header!.ParentLocators)
            {
                string? decoded = DecodeLocator(locator);
                if (decoded is not null && !paths.Contains(decoded))
                {
                    paths.Add(decoded);
                }
            }

            return paths;
        }
    }

    /// <summary>
    /// The parent file as the locators name it: the first locator path that exists, absolute paths as they are and
    /// relative ones against this file's directory. Null for non-differencing disks or when no locator names a file.
    /// </summary>
    public string? ResolveParentPath()
    {
        string directory = System.IO.Path.GetDirectoryName(Path)!;
        foreach (string candidate in ParentLocatorPaths)
        {
            if (System.IO.Path.IsPathRooted(candidate) && File.Exists(candidate))
            {
                return System.IO.Path.GetFullPath(candidate);
            }

            string relative = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, candidate.TrimStart('/')));
            if (!System.IO.Path.IsPathRooted(candidate) && File.Exists(relative))
            {
                return relative;
            }
        }

        return null;
    }

    /// <summary>
    /// Points this differencing disk at a new parent (as <c>vhd-util modify -p</c>): parent unique id, timestamp
    /// (the parent file's mtime), name and every MacX/W2ku/W2ru locator, rewritten in place. Locators are added
    /// after the data when the file has none.
    /// </summary>
    public void SetParent(string parentPath)
    {
        EnsureWritable();
        if (DiskType != VhdDiskType.Differencing)
        {
            throw new InvalidOperationException($"{Path} is not a differencing disk");
        }

        string parentFull = System.IO.Path.GetFullPath(parentPath);
        if (parentFull == Path)
        {
            throw new ArgumentException("a disk cannot be its own parent", nameof(parentPath));
        }

        Guid parentId;
        using (VhdFile parent = Open(parentFull))
        {
            parentId = parent.UniqueId;
        }

        string relative = ParentLocatorCodec.RelativePath(Path, parentFull);
        var locators = Header!.ParentLocators.ToArray();
        bool any = false;
        for (int i = 0; i < locators.Length; i++)
        {
            if (locators[i].PlatformCode is VhdPlatformCode.MacX or VhdPlatformCode.W2ku or VhdPlatformCode.W2ru)
            {
                locators[i] = RewriteLocator(locators[i], relative);
                any = true;
            }
        }

        if (!any)
        {
            AppendLocators(locators, relative);
        }

        Header = Header with
        {
            ParentUniqueId = parentId,
            ParentTimestamp = VhdTimestamp.FromDateTime(File.GetLastWriteTimeUtc(parentFull)),
            ParentUnicodeName = System.IO.Path.GetFileName(parentFull),
            ParentLocators = locators,
        };
        WriteHeader();
    }

    /// <summary>Sets blktap's hidden flag in both footers (as <c>vhd-util set -f hidden</c>).</summary>
    public void SetHidden(bool hidden)
    {
        EnsureWritable();
        Footer = (Footer with { Hidden = hidden }).WithComputedChecksum();
        WriteFooters();
    }

    private VhdParentLocator RewriteLocator(VhdParentLocator locator, string relative)
    {
        byte[] data = ParentLocatorCodec.Encode(locator.PlatformCode, relative);
        long space = locator.DataSpaceBytes;
        if (data.Length > space)
        {
            throw new PathTooLongException($"parent path '{relative}' needs {data.Length} bytes; locator {locator.PlatformCode} has {space}");
        }

        var padded = new byte[space];
        data.CopyTo(padded, 0);
        RandomAccess.Write(handle, padded, (long)locator.DataOffset);
        return locator with { DataLength = (uint)data.Length };
    }

    private void AppendLocators(VhdParentLocator[] locators, string relative)
    {
        int slot = 0;
        long position = RandomAccessExtensions.Pad512(dataEnd);
        foreach (VhdPlatformCode code in ParentLocatorCodec.Written)
        {
            while (slot < locators.Length && !locators[slot].IsEmpty)
            {
                slot++;
            }

            if (slot == locators.Length)
            {
                throw new VhdFormatException(VhdErrorCode.InvalidLocator, "no free parent locator slot", Path);
            }

            byte[] data = ParentLocatorCodec.Encode(code, relative);
            long space = Math.Max(ParentLocatorCodec.MinSpace, RandomAccessExtensions.Pad512(data.Length));
            var padded = new byte[space];
            data.CopyTo(padded, 0);
            RandomAccess.Write(handle, padded, position);
            locators[slot] = new VhdParentLocator(code, (uint)space, (uint)data.Length, 0, (ulong)position);
            position += space;
        }

        MoveFooterTo(position);
    }

    private string? DecodeLocator(VhdParentLocator locator)
    {
        long space = locator.DataSpaceBytes;
        if (locator.IsEmpty || space <= 0 || locator.DataLength == 0 || locator.DataLength > space
            || locator.DataLength > 64 * 1024 || locator.DataOffset + locator.DataLength > (ulong)footerOffset)
        {
            return null;
        }

        var data = new byte[locator.DataLength];
        ReadAt((long)locator.DataOffset, data);
        return ParentLocatorCodec.Decode(locator.PlatformCode, data);
    }
}
