using System.Formats.Tar;
using ControlPlane.Compute.Virt.XenApi.Images;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Images;

/// <summary>Hostile and valid archives: each hostile member is a clear error and nothing lands outside staging.</summary>
public sealed class ChainArchiveExtractorTests : IDisposable
{
    private static readonly ArchiveLimits Limits = new(1 << 20, 3 << 20);
    private readonly string root = Path.Combine(Path.GetTempPath(), "xenapi-extract-tests", Guid.NewGuid().ToString("N"));
    private readonly string staging;

    public ChainArchiveExtractorTests()
    {
        staging = Path.Combine(root, "staging");
        Directory.CreateDirectory(staging);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task A_chain_archive_is_unpacked_leaf_first()
    {
        var paths = await ExtractAsync(TestImages.Tar([("./1.vhd", [1, 2]), ("./0.vhd", [3]), ("2.vhd", [4, 5, 6])]));

        Assert.Equal(["0.vhd", "1.vhd", "2.vhd"], paths.Select(Path.GetFileName));
        Assert.Equal(new byte[] { 4, 5, 6 }, File.ReadAllBytes(paths[2]));
    }

    [Fact]
    public async Task A_gzip_compressed_archive_is_unpacked()
    {
        var paths = await ExtractAsync(TestImages.Tar([("./0.vhd", [7, 8, 9])], gzip: true));

        Assert.Equal(new byte[] { 7, 8, 9 }, File.ReadAllBytes(Assert.Single(paths)));
    }

    [Theory]
    [InlineData("/0.vhd", "absolute")]
    [InlineData("/etc/cron.d/0.vhd", "absolute")]
    [InlineData("../0.vhd", "'..'")]
    [InlineData("./../../0.vhd", "'..'")]
    [InlineData("sub/../0.vhd", "'..'")]
    [InlineData("..\\0.vhd", "non-portable")]
    [InlineData("evil.sh", "not named N.vhd")]
    [InlineData("sub/0.vhd", "not named N.vhd")]
    [InlineData("00.vhd", "not named N.vhd")]
    [InlineData("0.VHD", "not named N.vhd")]
    [InlineData("swap.vhd", "not named N.vhd")]
    [InlineData("100.vhd", "not named N.vhd")]
    public async Task Bad_member_names_are_refused(string name, string expected)
    {
        var error = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(TestImages.Tar([("./0.vhd", [1]), (name, [2])])));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        AssertNothingOutsideStaging();
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "symbolic link")]
    [InlineData(TarEntryType.HardLink, "hard link")]
    [InlineData(TarEntryType.CharacterDevice, "character device")]
    [InlineData(TarEntryType.BlockDevice, "block device")]
    [InlineData(TarEntryType.Fifo, "FIFO")]
    [InlineData(TarEntryType.Directory, "directory")]
    public async Task Non_regular_members_are_refused(TarEntryType type, string expected)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(type, "0.vhd");
            if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                entry.LinkName = "/etc/passwd";
            }

            writer.WriteEntry(entry);
        }

        var error = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(buffer.ToArray()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(staging));
        AssertNothingOutsideStaging();
    }

    [Fact]
    public async Task An_oversize_member_is_refused_before_it_is_written()
    {
        var error = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(TestImages.Tar([("0.vhd", new byte[(1 << 20) + 1])])));

        Assert.Contains("above the limit", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(staging));
    }

    [Fact]
    public async Task Members_over_the_total_cap_are_refused()
    {
        var member = new byte[1 << 20];
        var error = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(
            TestImages.Tar([("0.vhd", member), ("1.vhd", member), ("2.vhd", member), ("3.vhd", member)])));

        Assert.Contains("total more than", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(staging, "3.vhd")));
    }

    [Fact]
    public async Task Duplicate_gapped_empty_and_garbage_archives_are_refused()
    {
        var duplicate = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(TestImages.Tar([("0.vhd", [1]), ("./0.vhd", [2])])));
        Assert.Contains("appears twice", duplicate.Message, StringComparison.Ordinal);

        ResetStaging();
        var gap = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(TestImages.Tar([("0.vhd", [1]), ("2.vhd", [2])])));
        Assert.Contains("1.vhd is missing", gap.Message, StringComparison.Ordinal);

        ResetStaging();
        var empty = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(TestImages.Tar([])));
        Assert.Contains("holds no VHD", empty.Message, StringComparison.Ordinal);

        ResetStaging();
        var garbage = new byte[4096];
        new Random(5).NextBytes(garbage);
        var notTar = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(garbage));
        Assert.Contains("not a valid tar", notTar.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_archive_is_refused()
    {
        var archive = TestImages.Tar([("0.vhd", new byte[200_000])]);

        var error = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(archive[..100_000]));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_members_than_the_deepest_chain_are_refused()
    {
        var members = Enumerable.Range(0, 31).Select(i => ($"{i}.vhd", new byte[] { 1 }));

        var error = await Assert.ThrowsAsync<ImageArchiveException>(() => ExtractAsync(TestImages.Tar(members)));

        Assert.Contains("more than 30", error.Message, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> ExtractAsync(byte[] archive)
    {
        using var stream = new MemoryStream(archive);
        return await ChainArchiveExtractor.ExtractAsync(stream, staging, Limits, CancellationToken.None);
    }

    private void ResetStaging()
    {
        Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
    }

    private void AssertNothingOutsideStaging()
    {
        Assert.Equal([staging], Directory.EnumerateFileSystemEntries(root));
        Assert.All(Directory.EnumerateFileSystemEntries(staging, "*", SearchOption.AllDirectories), p => Assert.Matches(@"^[0-9]+\.vhd$", Path.GetFileName(p)));
    }
}
