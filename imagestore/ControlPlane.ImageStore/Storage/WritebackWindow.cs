using Microsoft.Win32.SafeHandles;

namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// Positioned writes to a file that start the kernel's writeback (<see cref="EarlyWriteback"/>) of
/// each <see cref="WindowBytes"/> once written, so a large upload never piles up a GiB of dirty page
/// cache for its final fsync to wait on.
/// </summary>
internal sealed class WritebackWindow(SafeFileHandle file)
{
    /// <summary>Bytes written between two writeback requests: 8 MiB.</summary>
    public const long WindowBytes = 8 << 20;

    private long flushedTo;

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>, then starts writeback of every full window behind it.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken)
    {
        await RandomAccess.WriteAsync(file, data, offset, cancellationToken);
        var end = offset + data.Length;
        if (end - flushedTo >= WindowBytes)
        {
            EarlyWriteback.Start(file, flushedTo, end - flushedTo);
            flushedTo = end;
        }
    }
}
