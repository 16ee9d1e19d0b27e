using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;

namespace ControlPlane.Vhd.Operations;

/// <summary>
/// Merges a differencing child into its immediate parent (as <c>vhd-util coalesce</c>): copies only the sectors
/// the child's bitmaps mark as present, growing the parent first if the child is larger. The child is left
/// unchanged and nothing is re-parented: that is the caller's job.
/// </summary>
public static class VhdCoalescer
{
    private const int BufferBytes = 2 << 20;

    /// <summary>Coalesces <paramref name="childPath"/> into its parent. Returns the number of sectors copied.</summary>
    public static long Coalesce(string childPath, IProgress<double>? progress = null)
    {
        using VhdDisk chain = VhdDisk.Open(childPath);
        if (chain.Chain.Count < 2)
        {
            throw new InvalidOperationException($"{childPath} is not a differencing disk");
        }

        VhdFile child = chain.Chain[0];
        using VhdFile parent = VhdFile.Open(chain.Chain[1].Path, writable: true);
        if (parent.VirtualSize < child.VirtualSize)
        {
            parent.Resize(child.VirtualSize);
        }

        long copied = CopyAllocated(child, parent, progress);
        parent.Flush();
        return copied;
    }

    private static long CopyAllocated(VhdFile child, VhdFile parent, IProgress<double>? progress)
    {
        var buffer = new byte[BufferBytes];
        int spb = child.BlockSize / 512;
        long totalSectors = child.VirtualSize / 512;
        long copied = 0;
        int blocks = (int)((totalSectors + spb - 1) / spb);
        for (int block = 0; block < blocks; block++)
        {
            if (!child.IsBlockAllocated(block))
            {
                continue;
            }

            long sector = (long)block * spb;
            long end = Math.Min(sector + spb, totalSectors);
            while (sector < end)
            {
                int max = (int)Math.Min(end - sector, buffer.Length / 512);
                int run = child.Probe(sector, max, out SectorSource source, out long fileOffset);
                if (source == SectorSource.Here)
                {
                    Span<byte> data = buffer.AsSpan(0, run * 512);
                    child.ReadAt(fileOffset, data);
                    parent.WriteSectors(sector, data);
                    copied += run;
                }

                sector += run;
            }

            progress?.Report((double)(block + 1) / blocks);
        }

        return copied;
    }
}
