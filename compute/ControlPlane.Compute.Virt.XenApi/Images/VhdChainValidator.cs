using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>
/// Checks and links an unpacked chain (<c>0.vhd</c> leaf ... <c>(n-1).vhd</c> base) as Nova's <c>import_vhds</c>
/// does, but stricter: every file must parse; <c>N.vhd</c> (N &lt; n-1) must be differencing and record
/// <c>(N+1).vhd</c>'s unique id as its parent; the base must not be differencing. Only then are the parent
/// locators rewritten to the staged neighbour (the archive's locators name files of another SR and are never
/// followed), after which the whole chain is checked structurally (checksums, BAT bounds, overlaps, cycles,
/// depth) and re-opened to prove it resolves to exactly the staged files.
/// </summary>
public static class VhdChainValidator
{
    /// <summary>Validates and links <paramref name="chain"/> (leaf first). Returns the leaf's virtual size.
    /// Throws <see cref="ImageArchiveException"/>.</summary>
    public static long ValidateAndLink(IReadOnlyList<string> chain, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfZero(chain.Count);
        var ids = new Guid[chain.Count];
        var parentIds = new Guid?[chain.Count];
        for (var i = 0; i < chain.Count; i++)
        {
            (ids[i], parentIds[i]) = Inspect(chain[i], isBase: i == chain.Count - 1);
        }

        if (ids.Distinct().Count() != ids.Length)
        {
            throw new ImageArchiveException("two VHDs of the chain have the same unique id (a cycle)");
        }

        for (var i = 0; i < chain.Count - 1; i++)
        {
            if (parentIds[i] != ids[i + 1])
            {
                throw new ImageArchiveException($"{Name(chain[i])}'s parent id {parentIds[i]} is not {Name(chain[i + 1])}'s id {ids[i + 1]}");
            }
        }

        for (var i = chain.Count - 2; i >= 0; i--)
        {
            Relink(chain[i], chain[i + 1]);
        }

        var problems = VhdChecker.Check(chain[0], clock).Where(p => p.Fatal || p.Code != VhdErrorCode.InvalidField).ToList();
        if (problems.Count > 0)
        {
            throw new ImageArchiveException("the VHD chain is invalid: " + string.Join("; ", problems.Select(p => $"{Name(p.FilePath)}: {p.Code}: {p.Message}")));
        }

        try
        {
            using var disk = VhdDisk.Open(chain[0]);
            var opened = disk.Chain.Select(f => Path.GetFullPath(f.Path)).ToList();
            if (!opened.SequenceEqual(chain.Select(Path.GetFullPath)))
            {
                throw new ImageArchiveException("the VHD chain does not resolve to the archive's members");
            }

            return disk.VirtualSize;
        }
        catch (VhdFormatException e)
        {
            throw new ImageArchiveException($"the VHD chain cannot be opened: {e.Message}", e);
        }
    }

    private static (Guid Id, Guid? ParentId) Inspect(string path, bool isBase)
    {
        try
        {
            using var file = VhdFile.Open(path);
            if (isBase && file.DiskType == VhdDiskType.Differencing)
            {
                throw new ImageArchiveException($"{Name(path)} is the base of the chain but is a differencing disk (its parent is missing from the archive)");
            }

            if (!isBase && file.DiskType != VhdDiskType.Differencing)
            {
                throw new ImageArchiveException($"{Name(path)} is not a differencing disk, yet the archive has a parent for it");
            }

            return (file.UniqueId, file.DiskType == VhdDiskType.Differencing ? file.Header!.ParentUniqueId : null);
        }
        catch (VhdFormatException e)
        {
            throw new ImageArchiveException($"{Name(path)} is not a valid VHD: {e.Reason}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ImageArchiveException($"{Name(path)} cannot be read as a VHD: {e.Message}", e);
        }
    }

    private static void Relink(string child, string parent)
    {
        try
        {
            using var file = VhdFile.Open(child, writable: true);
            file.SetParent(parent);
            file.Flush();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            throw new ImageArchiveException($"{Name(child)} cannot be linked to {Name(parent)}: {e.Message}", e);
        }
    }

    private static string Name(string path) => Path.GetFileName(path);
}
