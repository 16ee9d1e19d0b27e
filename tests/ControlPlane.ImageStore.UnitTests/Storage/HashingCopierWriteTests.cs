using System.Security.Cryptography;
using ControlPlane.ImageStore.Storage;

namespace ControlPlane.ImageStore.UnitTests.Storage;

/// <summary>The positioned-write overload: every byte once, at its own offset, and the write finished before the buffer is reused.</summary>
public sealed class HashingCopierWriteTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    [InlineData(1_000_003)]
    public async Task Writes_cover_the_body_contiguously_at_their_offsets(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        var target = new byte[length];
        var writes = new List<(long Offset, int Length)>();
        using var hasher = new ImageHasher();

        var data = await HashingCopier.CopyAsync(new ChunkedSource(bytes, maxRead: 9_999), async (chunk, offset, _) =>
        {
            // Complete later than the hashing would: the copier must still wait for it before refilling the buffer.
            await Task.Yield();
            chunk.Span.CopyTo(target.AsSpan((int)offset));
            lock (writes)
            {
                writes.Add((offset, chunk.Length));
            }
        }, hasher, long.MaxValue, bufferSize: 64 * 1024, CancellationToken.None);

        Assert.Equal(bytes, target);
        Assert.Equal(length, data.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(bytes)), data.Sha512Hex);
        long expected = 0;
        foreach (var (offset, count) in writes)
        {
            Assert.Equal(expected, offset);
            expected += count;
        }
        Assert.Equal(length, expected);
    }

    [Fact]
    public async Task A_failing_write_fails_the_copy()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        using var hasher = new ImageHasher();

        await Assert.ThrowsAsync<IOException>(() => HashingCopier.CopyAsync(new ChunkedSource(bytes, maxRead: 50_000),
            (_, offset, _) => offset >= 100_000 ? ValueTask.FromException(new IOException("disk full")) : ValueTask.CompletedTask,
            hasher, long.MaxValue, bufferSize: 64 * 1024, CancellationToken.None));
    }
}
