using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// Upload buffers whose start is aligned to <see cref="Alignment"/> bytes, as direct I/O needs:
/// slices of arrays on the pinned object heap (they never move, so the alignment holds). At most
/// <c>keep</c> free buffers are kept; a shared FIFO rather than per-thread caches, because an
/// upload's buffers go back from whichever pool thread finishes it.
/// </summary>
internal sealed class AlignedBufferPool(int bufferBytes, int keep)
{
    /// <summary>Alignment of every buffer's first byte: 4 KiB, the largest logical block size of the disks we write to.</summary>
    public const int Alignment = 4096;

    private readonly ConcurrentQueue<Memory<byte>> free = new();

    /// <summary>Length of every buffer.</summary>
    public int BufferBytes => bufferBytes;

    /// <summary>A free buffer, or a new one.</summary>
    public Memory<byte> Rent() => free.TryDequeue(out var buffer) ? buffer : Allocate();

    /// <summary>Gives <paramref name="buffer"/> back (dropped when enough are kept already).</summary>
    public void Return(Memory<byte> buffer)
    {
        if (free.Count < keep)
        {
            free.Enqueue(buffer);
        }
    }

    private Memory<byte> Allocate()
    {
        var array = GC.AllocateUninitializedArray<byte>(bufferBytes + Alignment, pinned: true);
        var address = (long)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        var skip = (int)((Alignment - (address % Alignment)) % Alignment);
        return array.AsMemory(skip, bufferBytes);
    }
}
