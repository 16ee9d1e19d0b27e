using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

/// <summary>
/// An <see cref="ISnapshotUpload"/> keeping the image in memory, as the compute service's chunked PUT would receive it
/// (a write-only, forward-only stream). Optionally the stream fails (<see cref="FailAfter"/>) or cancels
/// <see cref="CancelAfter"/>'s source once that many bytes have been written.
/// </summary>
internal sealed class MemorySnapshotUpload : ISnapshotUpload
{
    private readonly MemoryStream received = new();

    public Guid ImageId { get; } = Guid.NewGuid();

    /// <summary>Throw an <see cref="IOException"/> from the write that passes this many bytes.</summary>
    public long? FailAfter { get; init; }

    /// <summary>Cancel this source (then let the token's checks fire) once <see cref="CancelAfterBytes"/> have been written.</summary>
    public CancellationTokenSource? CancelAfter { get; init; }

    public long CancelAfterBytes { get; init; }

    public int Calls { get; private set; }

    public bool Completed { get; private set; }

    public byte[] Bytes => received.ToArray();

    public async Task UploadAsync(Func<Stream, CancellationToken, Task> writeImage, CancellationToken cancellationToken)
    {
        Calls++;
        await writeImage(new SinkStream(this), cancellationToken);
        Completed = true;
    }

    private sealed class SinkStream(MemorySnapshotUpload owner) : Stream
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
            var after = owner.received.Length + buffer.Length;
            if (owner.FailAfter is { } limit && after > limit)
            {
                throw new IOException($"injected upload failure after {owner.received.Length} bytes");
            }

            owner.received.Write(buffer);
            if (owner.CancelAfter is { } source && after >= owner.CancelAfterBytes)
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
