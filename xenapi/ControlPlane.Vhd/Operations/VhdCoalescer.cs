using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Pipeline;

namespace ControlPlane.Vhd.Operations;

/// <summary>
/// Merges a differencing child into its immediate parent (as <c>vhd-util coalesce</c>): copies only the sectors
/// the child's bitmaps mark as present, growing the parent first if the child is larger. The child is left
/// unchanged and nothing is re-parented: that is the caller's job. The child is read on one thread and the parent
/// written on the caller's, through a few reusable buffers; unallocated child blocks are never read.
/// </summary>
public static class VhdCoalescer
{
    private const int BufferBytes = 2 << 20;

    /// <summary>Bytes written to the parent between two requests to start writeback.</summary>
    private const int WritebackBytes = 32 << 20;

    /// <summary>
    /// Coalesces <paramref name="childPath"/> into its parent and flushes the parent to stable storage. Returns the
    /// number of sectors copied. On failure or cancellation the parent holds a mix of old and child sectors for the
    /// range touched (each sector whole: old or new), which is harmless while the child still masks them.
    /// </summary>
    public static long Coalesce(string childPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
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

        long copied = 0;
        long unflushed = 0;
        BlockPipeline.Run(
            BufferBytes + PipelineBlock.Alignment,
            sink => ReadAllocated(child, sink),
            block =>
            {
                if (block.Length > 0)
                {
                    parent.WriteSectors(block.Position, block.Data);
                    copied += block.Length / 512;
                    unflushed += block.Length;
                    if (unflushed >= WritebackBytes)
                    {
                        // Let the disk start on what is written while we copy the rest: the fsync below then waits less.
                        parent.StartWriteback();
                        unflushed = 0;
                    }
                }

                if (!double.IsNaN(block.Progress))
                {
                    progress?.Report(block.Progress);
                }
            },
            cancellationToken);
        parent.Flush();
        return copied;
    }

    /// <summary>Posts every run of present sectors (Position = first sector); the last post of each block carries the progress.</summary>
    private static void ReadAllocated(VhdFile child, PipelineSink sink)
    {
        int spb = child.BlockSize / 512;
        long totalSectors = child.VirtualSize / 512;
        int blocks = (int)((totalSectors + spb - 1) / spb);
        for (int block = 0; block < blocks; block++)
        {
            if (!child.IsBlockAllocated(block))
            {
                continue;
            }

            sink.Token.ThrowIfCancellationRequested();
            long sector = (long)block * spb;
            long end = Math.Min(sector + spb, totalSectors);
            PipelineBlock? pending = null;
            while (sector < end)
            {
                int max = (int)Math.Min(end - sector, BufferBytes / 512);
                int run = child.Probe(sector, max, out SectorSource source, out long fileOffset);
                if (source == SectorSource.Here)
                {
                    if (pending is not null)
                    {
                        sink.Post(pending);
                    }

                    pending = sink.Rent();
                    // Same in-page offset as the sector has in both files (their block data is page-aligned).
                    pending.Offset = (int)(sector % 8) * 512;
                    pending.Position = sector;
                    pending.Length = run * 512;
                    child.ReadAt(fileOffset, pending.Data);
                }

                sector += run;
            }

            pending ??= sink.Rent();
            pending.Progress = (double)(block + 1) / blocks;
            sink.Post(pending);
        }
    }
}
