using System.Net;
using System.Net.Http.Headers;

namespace ControlPlane.Compute.Snapshots;

/// <summary>
/// An <see cref="HttpContent"/> whose body is produced while it is sent: the writer gets the request
/// stream itself (sent chunked, no length known), so nothing is buffered beyond the socket's send
/// buffer. The writer's own exception is kept so the caller can tell it from a transport failure.
/// </summary>
internal sealed class StreamingUploadContent : HttpContent
{
    private readonly Func<Stream, CancellationToken, Task> _write;
    private readonly CountingStream.Counter _counter = new();

    public StreamingUploadContent(Func<Stream, CancellationToken, Task> write)
    {
        _write = write;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    /// <summary>The exception the writer threw, if it did.</summary>
    public Exception? WriterError { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten => _counter.Bytes;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var counting = new CountingStream(stream, _counter);
        try
        {
            await _write(counting, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not IOException || counting.InnerFailed is null)
        {
            // The writer failed on its own (not because the connection broke under it).
            WriterError = e;
            throw;
        }
        await counting.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
