namespace ControlPlane.Vhd.Pipeline;

/// <summary>
/// One buffer travelling from the reader to the writer of a <see cref="BlockPipeline"/>. The reader fills
/// <see cref="Buffer"/> and the descriptive fields; the writer uses them and hands the block back for reuse.
/// </summary>
internal sealed class PipelineBlock(int capacity)
{
    /// <summary>The block's own buffer (pinned, so the kernel copies to and from a fixed address).</summary>
    public byte[] Buffer { get; } = GC.AllocateUninitializedArray<byte>(capacity, pinned: true);

    /// <summary>Bytes of <see cref="Buffer"/> in use.</summary>
    public int Length { get; set; }

    /// <summary>Where the bytes belong (a byte offset or a sector, as the operation defines).</summary>
    public long Position { get; set; }

    /// <summary>The bytes are all zeros (the reader may then have left <see cref="Buffer"/> unfilled).</summary>
    public bool IsZero { get; set; }

    /// <summary>Fraction of the job done once this block is written; NaN when the block ends no progress step.</summary>
    public double Progress { get; set; } = double.NaN;

    public Span<byte> Data => Buffer.AsSpan(0, Length);

    public void Reset()
    {
        Length = 0;
        Position = 0;
        IsZero = false;
        Progress = double.NaN;
    }
}
