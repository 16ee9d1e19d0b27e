namespace ControlPlane.ImageStore.UnitTests.Storage;

/// <summary>
/// A read-only body that hands out at most <c>maxRead</c> bytes per read, like a chunked request
/// body, and can fail with an <see cref="IOException"/> (connection reset) once <c>failAt</c> bytes
/// have been read. <c>onRead</c> sees the position after each read.
/// </summary>
internal sealed class ChunkedSource(byte[] data, int maxRead, int failAt = int.MaxValue, Action<int>? onRead = null) : Stream
{
    private int position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Take(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }
        try
        {
            return ValueTask.FromResult(Take(buffer.Span));
        }
        catch (IOException ex)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Take(Span<byte> into)
    {
        if (position >= failAt)
        {
            throw new IOException("connection reset by peer");
        }
        var n = Math.Min(Math.Min(into.Length, maxRead), data.Length - position);
        data.AsSpan(position, n).CopyTo(into);
        position += n;
        onRead?.Invoke(position);
        return n;
    }
}
