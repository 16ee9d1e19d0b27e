using System.Security.Cryptography;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Options;
using ControlPlane.ImageStore.Storage;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.ImageStore.UnitTests.Storage;

/// <summary>
/// The file store on a real directory: data becomes visible only complete and verified, and a write
/// that fails anywhere (cap, source error mid-body, cancellation) leaves no byte behind.
/// </summary>
public sealed class FileSystemImageStoreTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "cp-imagestore-tests-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(65_536, true)]
    [InlineData(3 * (1 << 20) + 12_345, true)]
    [InlineData((8 << 20) + 777, true)]
    [InlineData(0, false)]
    [InlineData(100_003, false)]
    [InlineData((8 << 20) + 777, false)] // past the 8 MiB writeback window
    public async Task A_complete_write_is_readable_with_its_size_and_both_digests(long length, bool directIo)
    {
        var store = NewStore(bufferBytes: 64 * 1024, directIo);
        var id = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes((int)length);

        var data = await store.WriteAsync(id, new ChunkedSource(bytes, maxRead: 7_001), long.MaxValue, CancellationToken.None);

        Assert.Equal(length, data.Size);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), data.Md5Hex);
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(bytes)), data.Sha512Hex);
        await using var read = store.OpenRead(id);
        Assert.NotNull(read);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store.Root, ".partial")));
    }

    [Fact]
    public async Task A_buffer_size_off_the_alignment_still_writes_every_byte()
    {
        var store = NewStore(bufferBytes: 10_000);
        var id = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(123_457);

        var data = await store.WriteAsync(id, new ChunkedSource(bytes, maxRead: 4_321), long.MaxValue, CancellationToken.None);

        Assert.Equal(bytes.Length, data.Size);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(store.Root, id.ToString("D"))));
    }

    [Fact]
    public async Task An_upload_over_the_cap_fails_and_leaves_nothing()
    {
        var store = NewStore(bufferBytes: 16 * 1024);
        var id = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => store.WriteAsync(id, new ChunkedSource(bytes, maxRead: 5_000), maxBytes: 100_000, CancellationToken.None));

        AssertNothingStored(store, id);
    }

    [Fact]
    public async Task A_body_that_breaks_mid_way_fails_and_leaves_nothing()
    {
        var store = NewStore(bufferBytes: 16 * 1024);
        var id = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(200_000);

        await Assert.ThrowsAsync<IOException>(
            () => store.WriteAsync(id, new ChunkedSource(bytes, maxRead: 3_000, failAt: 150_000), long.MaxValue, CancellationToken.None));

        AssertNothingStored(store, id);
    }

    [Fact]
    public async Task A_cancelled_upload_fails_and_leaves_nothing()
    {
        var store = NewStore(bufferBytes: 16 * 1024);
        var id = Guid.NewGuid();
        using var cancel = new CancellationTokenSource();
        var source = new ChunkedSource(RandomNumberGenerator.GetBytes(200_000), maxRead: 4_000, onRead: position =>
        {
            if (position >= 100_000)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteAsync(id, source, long.MaxValue, cancel.Token));

        AssertNothingStored(store, id);
    }

    [Fact]
    public async Task A_second_write_for_the_same_image_does_not_replace_the_first()
    {
        var store = NewStore(bufferBytes: 16 * 1024);
        var id = Guid.NewGuid();
        var first = RandomNumberGenerator.GetBytes(10_000);
        await store.WriteAsync(id, new ChunkedSource(first, maxRead: 4_000), long.MaxValue, CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(
            () => store.WriteAsync(id, new ChunkedSource(RandomNumberGenerator.GetBytes(10_000), maxRead: 4_000), long.MaxValue, CancellationToken.None));

        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(store.Root, id.ToString("D"))));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store.Root, ".partial")));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void AssertNothingStored(FileSystemImageStore store, Guid id)
    {
        Assert.Null(store.OpenRead(id));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store.Root, ".partial")));
        Assert.Empty(Directory.EnumerateFiles(store.Root));
    }

    private FileSystemImageStore NewStore(int bufferBytes, bool directIo = true) =>
        new(Microsoft.Extensions.Options.Options.Create(new ImageStoreOptions { DataDirectory = directory, StreamBufferBytes = bufferBytes, DirectIo = directIo }),
            new TestEnvironment(), NullLogger<FileSystemImageStore>.Instance);

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
