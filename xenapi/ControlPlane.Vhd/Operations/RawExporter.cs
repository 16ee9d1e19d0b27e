using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Pipeline;

namespace ControlPlane.Vhd.Operations;

/// <summary>The pipelined raw export behind <see cref="VhdRawConverter.ExportRaw(VhdDisk, Stream, CancellationToken)"/>.</summary>
internal static class RawExporter
{
    public static long Export(VhdDisk disk, Stream output, int chunkBytes, CancellationToken cancellationToken)
    {
        long size = disk.VirtualSize;
        bool holes = OutputPresizer.Presize(output, size);
        long written = 0;
        var writeback = new FileWriteback(output);
        try
        {
            BlockPipeline.Run(
                chunkBytes,
                sink => ReadChunks(disk, size, chunkBytes, holes, sink),
                block =>
                {
                    if (block.IsZero && holes)
                    {
                        output.Seek(block.Length, SeekOrigin.Current);
                    }
                    else
                    {
                        SlicedWriter.Write(output, block.Data, written);
                        writeback.Written(block.Length);
                    }

                    written += block.Length;
                },
                cancellationToken);
            output.Flush();
            return written;
        }
        catch when (holes)
        {
            OutputPresizer.CutBack(output, written);
            throw;
        }
    }

    /// <summary>
    /// Reads the disk in chunks. A chunk no image allocates is not read: it is marked zero (and its buffer cleared
    /// only when the writer must write it). A read chunk that turns out all zeros is marked zero too.
    /// </summary>
    private static void ReadChunks(VhdDisk disk, long size, int chunkBytes, bool holes, PipelineSink sink)
    {
        for (long offset = 0; offset < size; offset += chunkBytes)
        {
            sink.Token.ThrowIfCancellationRequested();
            int length = (int)Math.Min(chunkBytes, size - offset);
            PipelineBlock block = sink.Rent();
            block.Position = offset;
            block.Length = length;
            if (disk.IsUnallocated(offset, length))
            {
                block.IsZero = true;
                if (!holes)
                {
                    block.Data.Clear();
                }
            }
            else
            {
                disk.Read(offset, block.Data);
                block.IsZero = !block.Data.ContainsAnyExcept((byte)0);
            }

            sink.Post(block);
        }
    }
}
