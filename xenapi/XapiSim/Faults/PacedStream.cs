namespace XapiSim.Faults;

/// <summary>A write-only wrapper that flushes and then waits <c>pause</c> (on the injected clock) after each MiB written.</summary>
internal sealed class PacedStream(Stream inner, TimeSpan pause, TimeProvider clock, CancellationToken aborted) : Stream
{
    private const long Step = 1 << 20;
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = (int)Math.Min(buffer.Length, Step - (written % Step));
            inner.Write(buffer[..n]);
            written += n;
            buffer = buffer[n..];
            if (written % Step == 0)
            {
                inner.Flush();
                Task.Delay(pause, clock, aborted).GetAwaiter().GetResult();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var n = (int)Math.Min(buffer.Length, Step - (written % Step));
            await inner.WriteAsync(buffer[..n], cancellationToken).ConfigureAwait(false);
            written += n;
            buffer = buffer[n..];
            if (written % Step == 0)
            {
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
