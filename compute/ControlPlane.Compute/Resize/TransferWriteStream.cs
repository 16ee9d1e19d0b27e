using System.Security.Cryptography;
using ControlPlane.Protos.Compute.V1;
using Google.Protobuf;
using Grpc.Core;

namespace ControlPlane.Compute.Resize;

/// <summary>
/// The write-only stream a source driver writes one disk into: bytes are counted, hashed (SHA-256) and sent as
/// <see cref="DiskChunk"/> data messages of at most the chunk size as they are written, so memory stays at one chunk
/// whatever the disk size and nothing is staged. Never disposes the gRPC call.
/// </summary>
public sealed class TransferWriteStream(IClientStreamWriter<DiskChunk> writer, int chunkBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[chunkBytes];
    private int _filled;

    /// <summary>Bytes written so far.</summary>
    public long Length64 { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => Length64; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer.Span[..n].CopyTo(_buffer.AsSpan(_filled));
            _hash.AppendData(buffer.Span[..n]);
            _filled += n;
            Length64 += n;
            buffer = buffer[n..];
            if (_filled == _buffer.Length)
            {
                await SendBufferAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Sends what is buffered and returns the byte count and digest of everything written.</summary>
    public async Task<(long Length, byte[] Sha256)> FinishAsync(CancellationToken cancellationToken)
    {
        await SendBufferAsync(cancellationToken).ConfigureAwait(false);
        return (Length64, _hash.GetHashAndReset());
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task SendBufferAsync(CancellationToken cancellationToken)
    {
        if (_filled == 0)
        {
            return;
        }
        await writer.WriteAsync(new DiskChunk { Data = ByteString.CopyFrom(_buffer, 0, _filled) }, cancellationToken).ConfigureAwait(false);
        _filled = 0;
    }
}
