using System.Net;

namespace ControlPlane.XenApi.Http;

/// <summary>Streams a caller-owned stream as a request body without disposing it (StreamContent would).</summary>
internal sealed class UploadContent(Stream source) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        source.CopyToAsync(stream, 1 << 16);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        source.CopyToAsync(stream, 1 << 16, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = source.CanSeek ? source.Length - source.Position : -1;
        return source.CanSeek;
    }
}
