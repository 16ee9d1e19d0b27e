namespace ControlPlane.Vhd.Pipeline;

/// <summary>The reader's side of a <see cref="BlockPipeline"/>: take an empty block (waits while all are in flight), fill it, post it.</summary>
internal sealed class PipelineSink(HandoffQueue<PipelineBlock> free, HandoffQueue<PipelineBlock> full, CancellationToken token)
{
    /// <summary>An empty block; blocks while the writer still holds every buffer. Throws when the pipeline is cancelled.</summary>
    public PipelineBlock Rent()
    {
        if (!free.TryTake(out PipelineBlock? block))
        {
            throw new InvalidOperationException("the pipeline's buffer pool was completed");
        }

        block!.Reset();
        return block;
    }

    /// <summary>Hands a filled block to the writer, in order.</summary>
    public void Post(PipelineBlock block) => full.Add(block);

    /// <summary>Cancelled when the caller cancels or the writer has failed: the reader should stop.</summary>
    public CancellationToken Token => token;
}
