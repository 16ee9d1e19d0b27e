using System.Buffers;
using ControlPlane.Domain.Errors;

namespace ControlPlane.ImageStore.Storage;

/// <summary>
/// Copies a stream to another while hashing it, in one pass and in constant memory: two pooled
/// buffers, the next read overlapping the hashing (MD5 and SHA-512 in parallel) and the writing of
/// the current one.
/// </summary>
public static class HashingCopier
{
    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> feeding
    /// <paramref name="hasher"/>; throws <see cref="PayloadTooLargeException"/> once more than
    /// <paramref name="maxBytes"/> bytes have arrived (nothing beyond the cap is written). The two
    /// buffers come from <paramref name="pool"/> (default <see cref="ArrayPool{T}.Shared"/>).
    /// </summary>
    public static async Task<StoredImageData> CopyAsync(
        Stream source, Stream destination, ImageHasher hasher, long maxBytes, int bufferSize, CancellationToken cancellationToken,
        ArrayPool<byte>? pool = null)
    {
        pool ??= ArrayPool<byte>.Shared;
        var current = pool.Rent(bufferSize);
        var next = pool.Rent(bufferSize);
        Task<int>? pending = null;
        try
        {
            var read = await source.ReadAtLeastAsync(current.AsMemory(0, bufferSize), bufferSize, throwOnEndOfStream: false, cancellationToken);
            while (read > 0)
            {
                if (hasher.Length + read > maxBytes)
                {
                    throw new PayloadTooLargeException($"Image exceeds the storage limit of {maxBytes} bytes.");
                }
                pending = source.ReadAtLeastAsync(next.AsMemory(0, bufferSize), bufferSize, throwOnEndOfStream: false, cancellationToken).AsTask();
                await hasher.AppendAsync(current.AsMemory(0, read));
                await destination.WriteAsync(current.AsMemory(0, read), cancellationToken);
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
                // The overlapped read must finish before its buffer goes back to the pool.
                await Task.WhenAny(pending);
            }
            pool.Return(current);
            pool.Return(next);
        }
    }
}
