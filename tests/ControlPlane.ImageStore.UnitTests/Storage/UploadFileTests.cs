using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ControlPlane.ImageStore.Storage;

namespace ControlPlane.ImageStore.UnitTests.Storage;

/// <summary>The upload file's two modes write the same bytes, aligned runs and unaligned tails alike.</summary>
public sealed class UploadFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("cp-uploadfile-").FullName;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Aligned_buffers_and_a_ragged_tail_land_where_they_belong(bool allowDirect)
    {
        var pool = new AlignedBufferPool(64 * 1024, keep: 2);
        var buffer = pool.Rent();
        var path = Path.Combine(directory, "file");
        var expected = new byte[3 * buffer.Length + 1_234];
        RandomNumberGenerator.Fill(expected);

        using (var file = UploadFile.Create(path, allowDirect))
        {
            Assert.True(allowDirect || !file.IsDirect);
            for (var offset = 0; offset < expected.Length; offset += buffer.Length)
            {
                var count = Math.Min(buffer.Length, expected.Length - offset);
                expected.AsSpan(offset, count).CopyTo(buffer.Span);
                await file.WriteAsync(buffer[..count], offset, CancellationToken.None);
            }
            file.Flush();
        }

        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
        pool.Return(buffer);
    }

    [Fact]
    public void An_existing_file_is_not_overwritten()
    {
        var path = Path.Combine(directory, "taken");
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.ThrowsAny<IOException>(() => UploadFile.Create(path, allowDirect: true));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void Pool_buffers_start_on_the_alignment_and_are_reused()
    {
        var pool = new AlignedBufferPool(10_000, keep: 1);
        var first = pool.Rent();
        pool.Return(first);
        var again = pool.Rent();

        Assert.Equal(10_000, first.Length);
        Assert.True(first.Equals(again));
        Assert.True(MemoryMarshal.TryGetArray<byte>(again, out var segment));
        var address = (long)Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array!, segment.Offset);
        Assert.Equal(0, address % AlignedBufferPool.Alignment);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
