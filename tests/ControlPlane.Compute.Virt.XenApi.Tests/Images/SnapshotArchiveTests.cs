using System.Formats.Tar;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Images;
using ControlPlane.Vhd;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Files;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Images;

/// <summary>The snapshot tar's pieces: hand-written tar headers, VHD sizes from the first bytes, and the member copy's checks.</summary>
public sealed class SnapshotArchiveTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("snapshot-archive-tests-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public async Task Members_written_by_hand_read_back_with_TarReader_and_pass_the_extractor()
    {
        var vhd = DynamicVhd("a.vhd", withData: true);
        var delta = DifferencingVhd("a.vhd", "b.vhd");
        using var output = new MemoryStream();
        var writer = new ChainTarMemberWriter(new byte[4096], maxMemberBytes: 1L << 30);

        Assert.Equal(delta.Length, await writer.WriteAsync("0.vhd", new MemoryStream(delta), null, output, DateTimeOffset.UnixEpoch, CancellationToken.None));
        Assert.Equal(vhd.Length, await writer.WriteAsync("1.vhd", new MemoryStream(vhd), vhd.Length, output, DateTimeOffset.UnixEpoch, CancellationToken.None));
        output.Write(TarHeaders.EndOfArchive());

        output.Position = 0;
        using (var reader = new TarReader(output, leaveOpen: true))
        {
            var first = reader.GetNextEntry()!;
            Assert.Equal(("0.vhd", delta.Length, TarEntryType.RegularFile), (first.Name, first.Length, first.EntryType));
            var second = reader.GetNextEntry()!;
            Assert.Equal(("1.vhd", (long)vhd.Length), (second.Name, second.Length));
            using var copy = new MemoryStream();
            second.DataStream!.CopyTo(copy);
            Assert.Equal(vhd, copy.ToArray());
            Assert.Null(reader.GetNextEntry());
        }

        output.Position = 0;
        var staging = work.CreateSubdirectory("staging").FullName;
        var chain = await ChainArchiveExtractor.ExtractAsync(output, staging, new ArchiveLimits(1L << 30, 2L << 30), CancellationToken.None);
        Assert.Equal(2, chain.Count);
        Assert.Equal(16L << 20, VhdChainValidator.ValidateAndLink(chain, TimeProvider.System));
    }

    [Fact]
    public void A_member_of_8_GiB_or_more_gets_a_pax_size_TarReader_understands()
    {
        var size = (9L << 30) + 123;
        var header = TarHeaders.ForRegularFile("0.vhd", size, DateTimeOffset.UnixEpoch);

        // Forward-only, as the upload is: the reader must not need the 9 GiB of data to report the entry.
        using var reader = new TarReader(new ForwardOnly(header));
        var entry = reader.GetNextEntry(copyData: false)!;

        Assert.Equal(("0.vhd", size), (entry.Name, entry.Length));
        Assert.Equal(1536, header.Length);
        Assert.Equal(512, TarHeaders.ForRegularFile("0.vhd", TarHeaders.MaxUstarSize, DateTimeOffset.UnixEpoch).Length);
    }

    [Theory]
    [InlineData(false, "a.vhd")]
    [InlineData(true, "b.vhd")]
    public async Task The_size_worked_out_from_the_metadata_is_the_file_length(bool withData, string name)
    {
        var bytes = withData ? DynamicVhd(name, withData: true) : DynamicVhd(name, withData: false);

        var (prefix, length) = await VhdStreamSizer.ReadPrefixAsync(new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(bytes.Length, length);
        Assert.Equal(bytes.AsSpan(0, prefix.Length).ToArray(), prefix);
        Assert.True(prefix.Length < 8192, $"prefix {prefix.Length} bytes");
    }

    [Fact]
    public async Task A_stream_shorter_than_its_metadata_says_is_a_clear_error_after_the_header()
    {
        var vhd = DynamicVhd("a.vhd", withData: true);
        var writer = new ChainTarMemberWriter(new byte[4096], 1L << 30);

        var error = await Assert.ThrowsAsync<DriverOperationException>(() =>
            writer.WriteAsync("1.vhd", new MemoryStream(vhd[..^1024]), null, Stream.Null, DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.Contains($"ended after {vhd.Length - 1024} of {vhd.Length} bytes", error.Message, StringComparison.Ordinal);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task A_stream_longer_than_its_metadata_or_content_length_says_is_refused()
    {
        var vhd = DynamicVhd("a.vhd", withData: true);
        var longer = vhd.Concat(new byte[512]).ToArray();
        var writer = new ChainTarMemberWriter(new byte[4096], 1L << 30);

        var computed = await Assert.ThrowsAsync<DriverOperationException>(() =>
            writer.WriteAsync("1.vhd", new MemoryStream(longer), null, Stream.Null, DateTimeOffset.UnixEpoch, CancellationToken.None));
        var announced = await Assert.ThrowsAsync<DriverOperationException>(() =>
            writer.WriteAsync("1.vhd", new MemoryStream(vhd), vhd.Length - 512, Stream.Null, DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.Contains("VHD metadata", computed.Message, StringComparison.Ordinal);
        Assert.Contains("Content-Length", announced.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_a_fixed_vhd_or_an_oversize_member_are_refused_before_any_byte_is_written()
    {
        var writer = new ChainTarMemberWriter(new byte[4096], maxMemberBytes: 1 << 20);
        using var output = new MemoryStream();
        var fixedPath = Path.Combine(work.FullName, "fixed.vhd");
        using (VhdFile.CreateFixed(fixedPath, 1 << 20))
        {
        }

        var garbage = await Assert.ThrowsAsync<DriverOperationException>(() =>
            writer.WriteAsync("0.vhd", new MemoryStream(new byte[4096]), null, output, DateTimeOffset.UnixEpoch, CancellationToken.None));
        var fixedDisk = await Assert.ThrowsAsync<DriverOperationException>(() =>
            writer.WriteAsync("0.vhd", new MemoryStream(File.ReadAllBytes(fixedPath)), null, output, DateTimeOffset.UnixEpoch, CancellationToken.None));
        var oversize = await Assert.ThrowsAsync<DriverOperationException>(() =>
            writer.WriteAsync("0.vhd", new MemoryStream(new byte[16]), 2 << 20, output, DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.IsType<VhdFormatException>(garbage.InnerException);
        Assert.Contains("not a usable VHD", fixedDisk.Message, StringComparison.Ordinal);
        Assert.Contains("outside", oversize.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    private byte[] DynamicVhd(string name, bool withData)
    {
        var path = Path.Combine(work.FullName, name);
        using (VhdFile.CreateDynamic(path, 16L << 20))
        {
        }

        if (withData)
        {
            using var disk = VhdDisk.Open(path, writable: true);
            var data = new byte[300_000];
            new Random(9).NextBytes(data);
            disk.Write(5L << 20, data);
            disk.Write(15L << 20, data.AsSpan(0, 4096));
        }

        return File.ReadAllBytes(path);
    }

    private byte[] DifferencingVhd(string parent, string name)
    {
        var path = Path.Combine(work.FullName, name);
        using (VhdDisk.Snapshot(Path.Combine(work.FullName, parent), path, new VhdCreateOptions()))
        {
        }

        using (var disk = VhdDisk.Open(path, writable: true))
        {
            disk.Write(1L << 20, new byte[] { 1, 2, 3 });
        }

        return File.ReadAllBytes(path);
    }

    private sealed class ForwardOnly(byte[] data) : Stream
    {
        private readonly MemoryStream inner = new(data);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
