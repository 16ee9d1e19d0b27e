using System.Runtime.InteropServices;

namespace ControlPlane.Vhd.Pipeline;

/// <summary>
/// One buffer travelling from the reader to the writer of a <see cref="BlockPipeline"/>. The reader fills
/// <see cref="Buffer"/> and the descriptive fields; the writer uses them and hands the block back for reuse.
/// </summary>
internal sealed class PipelineBlock
{
    /// <summary>Alignment of <see cref="Buffer"/>'s first byte: a page, so the kernel's copies between the page cache
    /// and this buffer run co-aligned (a 16-byte skew, as a plain array has, costs about 40% more copy time).</summary>
    public const int Alignment = 4096;

    private readonly byte[] array;
    private readonly int start;
    private readonly int capacity;

    public PipelineBlock(int capacity)
    {
        this.capacity = capacity;
        array = GC.AllocateUninitializedArray<byte>(capacity + Alignment, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0).ToInt64();
        start = (int)((Alignment - (address % Alignment)) % Alignment);
    }

    /// <summary>The block's own page-aligned buffer (pinned, so its address never changes).</summary>
    public Span<byte> Buffer => array.AsSpan(start, capacity);

    /// <summary>Where the payload starts in <see cref="Buffer"/> (lets a reader give its data the file's in-page offset).</summary>
    public int Offset { get; set; }

    /// <summary>Bytes of payload.</summary>
    public int Length { get; set; }

    /// <summary>Where the bytes belong (a byte offset or a sector, as the operation defines).</summary>
    public long Position { get; set; }

    /// <summary>The bytes are all zeros (the reader may then have left the payload unfilled).</summary>
    public bool IsZero { get; set; }

    /// <summary>Fraction of the job done once this block is written; NaN when the block ends no progress step.</summary>
    public double Progress { get; set; } = double.NaN;

    /// <summary>The payload: <see cref="Length"/> bytes of <see cref="Buffer"/> from <see cref="Offset"/>.</summary>
    public Span<byte> Data => array.AsSpan(start + Offset, Length);

    public void Reset()
    {
        Offset = 0;
        Length = 0;
        Position = 0;
        IsZero = false;
        Progress = double.NaN;
    }
}
