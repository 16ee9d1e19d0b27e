using System.Collections.Concurrent;

namespace ControlPlane.Vhd.Pipeline;

/// <summary>The reader's side of a <see cref="BlockPipeline"/>: take an empty block (waits while all are in flight), fill it, post it.</summary>
internal sealed class PipelineSink(BlockingCollection<PipelineBlock> free, BlockingCollection<PipelineBlock> full, CancellationToken token)
{
    /// <summary>An empty block; blocks while the writer still holds every buffer. Throws when the pipeline is cancelled.</summary>
    public PipelineBlock Rent()
    {
        PipelineBlock block = free.Take(token);
        block.Reset();
        return block;
    }

    /// <summary>Hands a filled block to the writer, in order.</summary>
    public void Post(PipelineBlock block) => full.Add(block, token);

    /// <summary>Cancelled when the caller cancels or the writer has failed: the reader should stop.</summary>
    public CancellationToken Token => token;
}
