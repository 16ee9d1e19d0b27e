using System.Security.Cryptography;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Storage;

namespace ControlPlane.ImageStore.UnitTests.Storage;

public sealed class HashingCopierTests
{
    [Fact]
    public void Hasher_matches_known_vectors()
    {
        using var hasher = new ImageHasher();
        hasher.Append("ab"u8);
        hasher.Append("c"u8);
        var data = hasher.Finish();

        Assert.Equal(3, data.Size);
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", data.Md5Hex);
        Assert.StartsWith("ddaf35a193617abacc417349ae204131", data.Sha512Hex);
        Assert.EndsWith("a54ca49f", data.Sha512Hex);
    }

    [Theory]
    [InlineData(0, 4096)]
    [InlineData(1, 4096)]
    [InlineData(4096, 4096)]
    [InlineData(100_003, 4096)]
    [InlineData(3_000_000, 65536)]
    public async Task Copy_writes_every_byte_once_and_hashes_them_in_the_same_pass(int length, int bufferSize)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        using var source = new TrickleStream(bytes, maxRead: 777);
        using var destination = new MemoryStream();
        using var hasher = new ImageHasher();

        var data = await HashingCopier.CopyAsync(source, destination, hasher, long.MaxValue, bufferSize, CancellationToken.None);

        Assert.Equal(bytes, destination.ToArray());
        Assert.Equal(length, data.Size);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), data.Md5Hex);
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(bytes)), data.Sha512Hex);
    }

    [Fact]
    public async Task Copy_stops_at_the_cap_without_writing_past_it()
    {
        var bytes = RandomNumberGenerator.GetBytes(50_000);
        using var source = new TrickleStream(bytes, maxRead: 10_000);
        using var destination = new MemoryStream();
        using var hasher = new ImageHasher();

        var ex = await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => HashingCopier.CopyAsync(source, destination, hasher, maxBytes: 20_000, bufferSize: 8192, CancellationToken.None));

        Assert.Equal(413, ex.HttpStatus);
        Assert.True(destination.Length <= 20_000);
    }

    [Fact]
    public async Task Exactly_the_cap_is_accepted()
    {
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        using var source = new TrickleStream(bytes, maxRead: 3000);
        using var destination = new MemoryStream();
        using var hasher = new ImageHasher();

        var data = await HashingCopier.CopyAsync(source, destination, hasher, maxBytes: 20_000, bufferSize: 8192, CancellationToken.None);

        Assert.Equal(20_000, data.Size);
    }

    [Fact]
    public async Task A_failing_source_propagates_its_error()
    {
        using var source = new TrickleStream(new byte[100_000], maxRead: 5000, failAfter: 30_000);
        using var destination = new MemoryStream();
        using var hasher = new ImageHasher();

        await Assert.ThrowsAsync<IOException>(
            () => HashingCopier.CopyAsync(source, destination, hasher, long.MaxValue, 8192, CancellationToken.None));
    }

    /// <summary>A read-only stream that returns at most <c>maxRead</c> bytes per read, like a network body.</summary>
    private sealed class TrickleStream(byte[] data, int maxRead, int failAfter = int.MaxValue) : Stream
    {
        private int position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position >= failAfter)
            {
                throw new IOException("connection reset");
            }
            var n = Math.Min(Math.Min(count, maxRead), data.Length - position);
            Array.Copy(data, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position >= failAfter)
            {
                return ValueTask.FromException<int>(new IOException("connection reset"));
            }
            var n = Math.Min(Math.Min(buffer.Length, maxRead), data.Length - position);
            data.AsMemory(position, n).CopyTo(buffer);
            position += n;
            return ValueTask.FromResult(n);
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
