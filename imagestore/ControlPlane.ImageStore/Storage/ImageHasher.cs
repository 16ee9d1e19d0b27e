using System.Security.Cryptography;

namespace ControlPlane.ImageStore.Storage;

/// <summary>Size, MD5 and SHA-512 of a byte stream, fed incrementally as the bytes pass by.</summary>
public sealed class ImageHasher : IDisposable
{
    private readonly IncrementalHash md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

    /// <summary>Bytes seen so far.</summary>
    public long Length { get; private set; }

    /// <summary>Adds <paramref name="data"/> to both hashes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        md5.AppendData(data);
        sha512.AppendData(data);
        Length += data.Length;
    }

    /// <summary>
    /// Adds <paramref name="data"/> to both hashes, SHA-512 on a pool thread while MD5 runs on the
    /// caller's, so hashing costs the slower of the two rather than their sum when a core is free.
    /// <paramref name="data"/> must not change until the returned task completes.
    /// </summary>
    public async Task AppendAsync(ReadOnlyMemory<byte> data)
    {
        var sha = Task.Run(() => sha512.AppendData(data.Span));
        md5.AppendData(data.Span);
        await sha;
        Length += data.Length;
    }

    /// <summary>The final size and lower-case hex digests.</summary>
    public StoredImageData Finish() =>
        new(Length, Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha512.GetHashAndReset()));

    /// <inheritdoc />
    public void Dispose()
    {
        md5.Dispose();
        sha512.Dispose();
    }
}
