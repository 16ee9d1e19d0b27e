using System.Buffers;
using ControlPlane.Domain.Errors;

namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// Copies a stream to a destination while hashing it, in one pass and in constant memory: two pooled
/// buffers, the next read overlapping the work on the current one, and that work itself run in
/// parallel: MD5 on the calling thread, SHA-512 on a pool thread and the write (when the destination
/// is asynchronous, as <see cref="RandomAccess"/> is) all read the same buffer at once.
/// </summary>
public static class HashingCopier
{
    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> feeding
    /// <paramref name="hasher"/>; throws <see cref="PayloadTooLargeException"/> once more than
    /// <paramref name="maxBytes"/> bytes have arrived (nothing beyond the cap is written). The two
    /// buffers come from <paramref name="pool"/> (default <see cref="ArrayPool{T}.Shared"/>).
    /// </summary>
    public static Task<StoredImageData> CopyAsync(
        Stream source, Stream destination, ImageHasher hasher, long maxBytes, int bufferSize, CancellationToken cancellationToken,
        ArrayPool<byte>? pool = null) =>
        CopyAsync(source, (data, _, token) => destination.WriteAsync(data, token), hasher, maxBytes, bufferSize, cancellationToken, pool);

    /// <summary>
    /// As the stream overload, writing each buffer through <paramref name="write"/> (the bytes and
    /// their offset from the start), which may run while the buffer is being hashed and must not
    /// keep the memory after its task completes.
    /// </summary>
    public static async Task<StoredImageData> CopyAsync(
        Stream source, Func<ReadOnlyMemory<byte>, long, CancellationToken, ValueTask> write, ImageHasher hasher, long maxBytes,
        int bufferSize, CancellationToken cancellationToken, ArrayPool<byte>? pool = null)
    {
        pool ??= ArrayPool<byte>.Shared;
        var first = pool.Rent(bufferSize);
        var second = pool.Rent(bufferSize);
        try
        {
            return await CopyAsync(source, first.AsMemory(0, bufferSize), second.AsMemory(0, bufferSize), write, hasher, maxBytes, cancellationToken);
        }
        finally
        {
            pool.Return(first);
            pool.Return(second);
        }
    }

    /// <summary>
    /// The copy itself, through two caller-owned buffers of equal length (for example aligned ones
    /// for direct I/O). Every read but the last fills a whole buffer, so each write but the last
    /// is a full buffer at a multiple of the buffer length. The buffers are no longer in use when
    /// the returned task completes, whatever its outcome.
    /// </summary>
    public static async Task<StoredImageData> CopyAsync(
        Stream source, Memory<byte> first, Memory<byte> second, Func<ReadOnlyMemory<byte>, long, CancellationToken, ValueTask> write,
        ImageHasher hasher, long maxBytes, CancellationToken cancellationToken)
    {
        var size = first.Length;
        var (current, next) = (first, second[..size]);
        Task<int>? pending = null;
        try
        {
            var read = await source.ReadAtLeastAsync(current, size, throwOnEndOfStream: false, cancellationToken);
            while (read > 0)
            {
                if (hasher.Length + read > maxBytes)
                {
                    throw new PayloadTooLargeException($"Image exceeds the storage limit of {maxBytes} bytes.");
                }
                pending = source.ReadAtLeastAsync(next, size, throwOnEndOfStream: false, cancellationToken).AsTask();
                await HashAndWriteAsync(current[..read], write, hasher, cancellationToken);
                read = await pending;
                pending = null;
                (current, next) = (next, current);
            }
            return hasher.Finish();
        }
        finally
        {
            if (pending is not null)
            {
                // The overlapped read must finish before its buffer can be reused.
                await Task.WhenAny(pending);
            }
        }
    }

    private static async Task HashAndWriteAsync(
        ReadOnlyMemory<byte> data, Func<ReadOnlyMemory<byte>, long, CancellationToken, ValueTask> write, ImageHasher hasher,
        CancellationToken cancellationToken)
    {
        var written = write(data, hasher.Length, cancellationToken).AsTask();
        try
        {
            await hasher.AppendAsync(data);
        }
        finally
        {
            // The write reads the buffer too: it must be done before the buffer can be reused.
            await Task.WhenAny(written);
        }
        await written;
    }
}
