using Microsoft.Win32.SafeHandles;

namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// The partial file an upload writes: positioned writes on a bare handle (no FileStream buffer).
/// Direct I/O when the system allows it (<see cref="DirectIo"/>): aligned writes bypass the page
/// cache, and whatever is not aligned (the tail of the last buffer) goes through a second, buffered
/// handle. Otherwise buffered writes, starting the kernel's writeback of every
/// <see cref="WritebackWindowBytes"/> once written (<see cref="EarlyWriteback"/>) so no GiB of dirty
/// page cache piles up for the final fsync.
/// </summary>
internal sealed class UploadFile : IDisposable
{
    /// <summary>Bytes written buffered between two writeback requests: 8 MiB.</summary>
    public const long WritebackWindowBytes = 8 << 20;

    private readonly string path;
    private readonly SafeFileHandle file;
    private SafeFileHandle? tail;
    private long flushedTo;

    private UploadFile(string path, SafeFileHandle file, bool direct)
    {
        this.path = path;
        this.file = file;
        IsDirect = direct;
    }

    /// <summary>Whether aligned writes bypass the page cache.</summary>
    public bool IsDirect { get; }

    /// <summary>Creates <paramref name="path"/>, which must not exist.</summary>
    public static UploadFile Create(string path, bool allowDirect)
    {
        if (allowDirect && DirectIo.TryCreate(path) is { } direct)
        {
            return new UploadFile(path, direct, direct: true);
        }
        return new UploadFile(path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous), direct: false);
    }

    /// <summary>
    /// Writes <paramref name="data"/> at <paramref name="offset"/>. With direct I/O the memory of
    /// <paramref name="data"/> must start on an <see cref="AlignedBufferPool.Alignment"/> boundary.
    /// </summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken)
    {
        if (!IsDirect)
        {
            await RandomAccess.WriteAsync(file, data, offset, cancellationToken);
            var end = offset + data.Length;
            if (end - flushedTo >= WritebackWindowBytes)
            {
                EarlyWriteback.Start(file, flushedTo, end - flushedTo);
                flushedTo = end;
            }
            return;
        }
        var aligned = offset % AlignedBufferPool.Alignment == 0 ? data.Length - data.Length % AlignedBufferPool.Alignment : 0;
        if (aligned > 0)
        {
            await RandomAccess.WriteAsync(file, data[..aligned], offset, cancellationToken);
        }
        if (aligned < data.Length)
        {
            tail ??= File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            await RandomAccess.WriteAsync(tail, data[aligned..], offset + aligned, cancellationToken);
        }
    }

    /// <summary>Makes everything written durable (fsync).</summary>
    public void Flush()
    {
        if (tail is not null)
        {
            RandomAccess.FlushToDisk(tail);
        }
        RandomAccess.FlushToDisk(file);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        tail?.Dispose();
        file.Dispose();
    }
}
