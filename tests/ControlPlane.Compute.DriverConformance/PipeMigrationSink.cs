using System.IO.Pipelines;
using System.Security.Cryptography;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>
/// An in-test <see cref="IMigrationDiskSink"/>: a pipe from the source driver's writer straight into the destination
/// driver's <see cref="IResizeDriver.ReceiveDiskAsync"/> (both run at once, memory bounded by the pipe), with byte
/// count and SHA-256 taken on both ends and compared, as the compute service's transfer does. A mismatch aborts the
/// incoming migration. <see cref="FailAfterBytes"/> makes the writer's stream fail part-way through one disk.
/// </summary>
public sealed class PipeMigrationSink(IResizeDriver destination, VirtInstance newInstance) : IMigrationDiskSink
{
    private readonly List<(MigrationDisk Disk, long Bytes, string Sha256)> sent = [];

    /// <inheritdoc />
    public Guid MigrationId { get; } = Guid.NewGuid();

    /// <summary>Disks sent so far with their byte count and digest.</summary>
    public IReadOnlyList<(MigrationDisk Disk, long Bytes, string Sha256)> Sent => sent;

    /// <summary>When set, the stream the writer gets throws an <see cref="IOException"/> once this many bytes of disk
    /// <see cref="FailDiskIndex"/> were written.</summary>
    public long? FailAfterBytes { get; init; }

    /// <summary>The disk <see cref="FailAfterBytes"/> applies to.</summary>
    public int FailDiskIndex { get; init; }

    /// <summary>Called before each disk is sent (a test may change the source disk meanwhile).</summary>
    public Func<MigrationDisk, Task>? BeforeDisk { get; init; }

    /// <inheritdoc />
    public async Task SendAsync(MigrationDisk disk, Func<Stream, CancellationToken, Task> writeDisk, CancellationToken cancellationToken)
    {
        if (BeforeDisk is not null)
        {
            await BeforeDisk(disk);
        }

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20));
        using var receiverCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writerSide = new DigestStream(pipe.Writer.AsStream(leaveOpen: true), disk.Index == FailDiskIndex ? FailAfterBytes : null);
        var readerSide = new DigestStream(pipe.Reader.AsStream(leaveOpen: true), failAfter: null);
        var receive = Task.Run(() => destination.ReceiveDiskAsync(MigrationId, newInstance, disk, readerSide, receiverCancel.Token), CancellationToken.None);
        try
        {
            await writeDisk(writerSide, cancellationToken);
            await pipe.Writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await pipe.Writer.CompleteAsync(e);
            await receiverCancel.CancelAsync();
            await Task.WhenAny(receive);
            _ = receive.Exception; // observed: the destination discarded the partial disk
            throw;
        }

        try
        {
            await receive;
        }
        catch (VirtDriverException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new DriverOperationException($"the destination refused disk {disk.Index}: {e.Message}", e);
        }

        var (bytesOut, shaOut) = writerSide.Finish();
        var (bytesIn, shaIn) = readerSide.Finish();
        if (bytesOut != bytesIn || shaOut != shaIn)
        {
            await destination.AbortIncomingMigrationAsync(MigrationId, CancellationToken.None);
            throw new DriverOperationException($"disk {disk.Index}: sent {bytesOut} bytes ({shaOut}), received {bytesIn} bytes ({shaIn})");
        }

        sent.Add((disk, bytesOut, shaOut));
    }

    private sealed class DigestStream(Stream inner, long? failAfter) : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long count;

        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public (long Bytes, string Sha256) Finish() => (count, Convert.ToHexString(hash.GetHashAndReset()));

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            hash.AppendData(buffer.Span[..n]);
            count += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (failAfter is { } limit && count + buffer.Length > limit)
            {
                throw new IOException($"injected transfer failure after {limit} bytes");
            }

            hash.AppendData(buffer.Span);
            count += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
