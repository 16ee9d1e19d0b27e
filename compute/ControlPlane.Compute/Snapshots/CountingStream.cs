namespace ControlPlane.Compute.Snapshots;

/// <summary>A write-only pass-through stream that counts bytes and remembers a failure of the inner stream.
/// Dispose does not close the inner stream (the HTTP handler owns it).</summary>
internal sealed class CountingStream(Stream inner, CountingStream.Counter counter) : Stream
{
    /// <summary>Shared byte count.</summary>
    public sealed class Counter
    {
        private long _bytes;

        public long Bytes => Interlocked.Read(ref _bytes);

        public void Add(int n) => Interlocked.Add(ref _bytes, n);
    }

    /// <summary>The inner stream's exception, when a write to it failed.</summary>
    public Exception? InnerFailed { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => counter.Bytes; set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            InnerFailed = e;
            throw;
        }
        counter.Add(buffer.Length);
    }
}
