using System.Net;

namespace ControlPlane.XenApi.Http;

/// <summary>Streams a caller-owned stream as a request body without disposing it (StreamContent would). With
/// <c>announced</c> length, exactly that many bytes are sent (a shorter stream is an <see cref="IOException"/>).</summary>
internal sealed class UploadContent(Stream source, long? announced = null) : HttpContent
{
    private const int BufferBytes = 1 << 16;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (announced is not { } remaining)
        {
            await source.CopyToAsync(stream, BufferBytes, cancellationToken).ConfigureAwait(false);
            return;
        }

        var buffer = new byte[(int)Math.Min(BufferBytes, Math.Max(remaining, 1))];
        while (remaining > 0)
        {
            var n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException($"the upload's source ended {remaining} bytes before its announced length");
            }

            await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            remaining -= n;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        if (announced is { } known)
        {
            length = known;
            return true;
        }

        length = source.CanSeek ? source.Length - source.Position : -1;
        return source.CanSeek;
    }
}
