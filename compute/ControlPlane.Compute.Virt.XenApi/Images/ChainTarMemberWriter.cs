using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Vhd.Errors;

namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>
/// Copies one exported VHD into a tar being streamed: the member's size comes from the export's Content-Length,
/// else from the VHD's own metadata (<see cref="VhdStreamSizer"/>); the header is written, then exactly that many
/// bytes are copied through one reusable buffer (filled before each write, so the upload sends large chunks) and the
/// export must end there. Any disagreement (fewer or more bytes, a size over the limit, metadata that does not parse)
/// is a <see cref="DriverOperationException"/>, which aborts the upload. Failures reading the export become
/// <see cref="DriverOperationException"/>s; failures writing the output propagate as they are (they are the upload's).
/// </summary>
public sealed class ChainTarMemberWriter(byte[] buffer, long maxMemberBytes)
{
    /// <summary>Writes member <paramref name="name"/> from <paramref name="source"/> into <paramref name="output"/>. Returns the member's size.</summary>
    public async Task<long> WriteAsync(string name, Stream source, long? contentLength, Stream output, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        byte[] prefix = [];
        long size;
        if (contentLength is { } known)
        {
            size = known;
        }
        else
        {
            try
            {
                (prefix, size) = await VhdStreamSizer.ReadPrefixAsync(source, cancellationToken).ConfigureAwait(false);
            }
            catch (VhdFormatException e)
            {
                throw new DriverOperationException($"export of {name} is not a usable VHD: {e.Message}", e, retryable: false);
            }
            catch (IOException e)
            {
                throw ReadFailed(name, e);
            }
        }

        if (size < 0 || size > maxMemberBytes)
        {
            throw new DriverOperationException($"export of {name} is {size} bytes, outside 0..{maxMemberBytes}", retryable: false);
        }

        if (prefix.Length > size)
        {
            throw new DriverOperationException($"export of {name}: its metadata ({prefix.Length} bytes) runs past its computed size {size}", retryable: false);
        }

        await output.WriteAsync(TarHeaders.ForRegularFile(name, size, modified), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
        long remaining = size - prefix.Length;
        while (remaining > 0)
        {
            // Fill the buffer before writing: one large chunk per write (not one per network read) keeps the
            // chunked upload's per-chunk framing, send calls and the receiver's per-read work small.
            int n = await FillAsync(name, source, buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new DriverOperationException($"export of {name} ended after {size - remaining} of {size} bytes", retryable: false);
            }

            await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            remaining -= n;
        }

        if (await ReadAsync(name, source, buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new DriverOperationException($"export of {name} holds more than the {size} bytes its {(contentLength is null ? "VHD metadata" : "Content-Length")} announced", retryable: false);
        }

        int padding = TarHeaders.Padding(size);
        if (padding > 0)
        {
            await output.WriteAsync(new byte[padding], cancellationToken).ConfigureAwait(false);
        }

        return size;
    }

    private static async Task<int> FillAsync(string name, Stream source, Memory<byte> into, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAtLeastAsync(into, into.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw ReadFailed(name, e);
        }
    }

    private static async Task<int> ReadAsync(string name, Stream source, Memory<byte> into, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(into, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw ReadFailed(name, e);
        }
    }

    private static DriverOperationException ReadFailed(string name, IOException e) =>
        new($"export of {name} from XAPI failed: {e.Message}", e);
}
