using System.Buffers;
using System.Security.Cryptography;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Storage;

namespace ControlPlane.ImageStore.UnitTests.Storage;

/// <summary>The copier's buffers come from the pool it is given and all go back to it, also on failure.</summary>
public sealed class HashingCopierPoolTests
{
    [Fact]
    public async Task Both_buffers_come_from_the_given_pool_and_are_returned()
    {
        var pool = new CountingPool();
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        using var source = new MemoryStream(bytes);
        using var destination = new MemoryStream();
        using var hasher = new ImageHasher();

        var data = await HashingCopier.CopyAsync(source, destination, hasher, long.MaxValue, 16_384, CancellationToken.None, pool);

        Assert.Equal(bytes, destination.ToArray());
        Assert.Equal(bytes.Length, data.Size);
        Assert.Equal(2, pool.Rented);
        Assert.Equal(2, pool.Returned);
    }

    [Fact]
    public async Task Buffers_go_back_to_the_pool_when_the_cap_stops_the_copy()
    {
        var pool = new CountingPool();
        using var source = new MemoryStream(new byte[100_000]);
        using var destination = new MemoryStream();
        using var hasher = new ImageHasher();

        await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => HashingCopier.CopyAsync(source, destination, hasher, maxBytes: 50_000, bufferSize: 8192, CancellationToken.None, pool));

        Assert.Equal(2, pool.Rented);
        Assert.Equal(2, pool.Returned);
    }

    private sealed class CountingPool : ArrayPool<byte>
    {
        public int Rented { get; private set; }

        public int Returned { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            Rented++;
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false) => Returned++;
    }
}
