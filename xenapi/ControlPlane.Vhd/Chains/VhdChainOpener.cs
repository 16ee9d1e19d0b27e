using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Chains;

/// <summary>Opens a leaf and follows its parent locators to the root, refusing cycles, missing parents, wrong ids and deep chains.</summary>
internal static class VhdChainOpener
{
    public static List<VhdFile> Open(string leafPath, bool writable)
    {
        var chain = new List<VhdFile>();
        try
        {
            chain.Add(VhdFile.Open(leafPath, writable));
            var paths = new HashSet<string>(StringComparer.Ordinal) { chain[0].Path };
            var ids = new HashSet<Guid> { chain[0].UniqueId };
            while (chain[^1].DiskType == VhdDiskType.Differencing)
            {
                VhdFile child = chain[^1];
                if (chain.Count >= VhdLimits.MaxChainDepth)
                {
                    throw new VhdFormatException(VhdErrorCode.ChainTooDeep, $"chain deeper than {VhdLimits.MaxChainDepth}", leafPath);
                }

                string parentPath = child.ResolveParentPath() ?? throw new VhdFormatException(
                    VhdErrorCode.ParentMissing,
                    $"parent '{child.Header!.ParentUnicodeName}' not found (locators: {string.Join(", ", child.ParentLocatorPaths)})",
                    child.Path);
                if (!paths.Add(parentPath))
                {
                    throw new VhdFormatException(VhdErrorCode.ChainCycle, $"parent {parentPath} is already in the chain", child.Path);
                }

                VhdFile parent = VhdFile.Open(parentPath);
                chain.Add(parent);
                if (parent.UniqueId != child.Header!.ParentUniqueId)
                {
                    throw new VhdFormatException(
                        VhdErrorCode.ParentIdMismatch,
                        $"parent {parentPath} has id {parent.UniqueId}, child expects {child.Header.ParentUniqueId}",
                        child.Path);
                }

                if (!ids.Add(parent.UniqueId))
                {
                    throw new VhdFormatException(VhdErrorCode.ChainCycle, $"id {parent.UniqueId} appears twice in the chain", parent.Path);
                }
            }

            return chain;
        }
        catch
        {
            foreach (VhdFile file in chain)
            {
                file.Dispose();
            }

            throw;
        }
    }
}
