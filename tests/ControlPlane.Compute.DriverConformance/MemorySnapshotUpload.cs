using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>An <see cref="ISnapshotUpload"/> keeping the image in memory through a write-only, forward-only stream,
/// as the compute service's chunked PUT would receive it. Optionally the stream fails (<see cref="IOException"/>) once
/// more than <see cref="FailAfter"/> bytes are written, or cancels <see cref="CancelAfter"/> once
/// <see cref="CancelAfterBytes"/> have been written.</summary>
public sealed class MemorySnapshotUpload : ISnapshotUpload
{
    private readonly MemoryStream _received = new();

    /// <inheritdoc />
    public Guid ImageId { get; } = Guid.NewGuid();

    /// <summary>Fail the write that goes past this many bytes.</summary>
    public long? FailAfter { get; init; }

    /// <summary>Cancel this source (then let the token's checks fire) once <see cref="CancelAfterBytes"/> have been written.</summary>
    public CancellationTokenSource? CancelAfter { get; init; }

    /// <summary>How many bytes <see cref="CancelAfter"/> waits for.</summary>
    public long CancelAfterBytes { get; init; }

    /// <summary>How often <see cref="UploadAsync"/> was called.</summary>
    public int Calls { get; private set; }

    /// <summary>Whether the writer returned normally.</summary>
    public bool Completed { get; private set; }

    /// <summary>The bytes received.</summary>
    public byte[] Bytes => _received.ToArray();

    /// <inheritdoc />
    public async Task UploadAsync(Func<Stream, CancellationToken, Task> writeImage, CancellationToken cancellationToken)
    {
        Calls++;
        await writeImage(new Sink(this), cancellationToken);
        Completed = true;
    }

    private sealed class Sink(MemorySnapshotUpload owner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (owner.FailAfter is { } limit && owner._received.Length + buffer.Length > limit)
            {
                throw new IOException($"injected upload failure after {owner._received.Length} bytes");
            }

            owner._received.Write(buffer);
            if (owner.CancelAfter is { } source && owner._received.Length >= owner.CancelAfterBytes)
            {
                source.Cancel();
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
