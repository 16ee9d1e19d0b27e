using System.Net.Http.Headers;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace ControlPlane.XenApi.Http;

/// <summary>
/// XAPI's raw HTTP handlers: <c>GET /export_raw_vdi?session_id=&amp;vdi=&amp;format=</c> and
/// <c>PUT /import_raw_vdi?session_id=&amp;vdi=&amp;format=</c>, streamed both ways (constant memory).
/// </summary>
public sealed class VdiTransferClient(XenApiSession session)
{
    /// <summary>Opens the VDI's content as a stream; dispose it to release the connection.</summary>
    public async Task<Stream> ExportAsync(VdiRef vdi, VdiTransferFormat format, CancellationToken ct = default) =>
        (await OpenExportAsync(vdi, format, baseVdi: null, ct).ConfigureAwait(false)).Body;

    /// <summary>
    /// Opens the VDI's content as a stream (dispose it to release the connection), with the <c>Content-Length</c>
    /// when XAPI sent one. With <paramref name="baseVdi"/> (an ancestor of <paramref name="vdi"/>, format
    /// <see cref="VdiTransferFormat.Vhd"/> only) XAPI sends the differencing VHD that turns the base into the VDI
    /// (<c>&amp;base=</c>): its parent unique id is the base's.
    /// </summary>
    public async Task<(Stream Body, long? ContentLength)> OpenExportAsync(VdiRef vdi, VdiTransferFormat format, VdiRef? baseVdi, CancellationToken ct = default)
    {
        var uri = await BuildUriAsync("/export_raw_vdi", vdi, format, ct).ConfigureAwait(false);
        if (baseVdi is { IsNull: false } b)
        {
            uri = new UriBuilder(uri) { Query = uri.Query.TrimStart('?') + "&base=" + Uri.EscapeDataString(b.OpaqueRef) }.Uri;
        }

        var response = await session.Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, "export_raw_vdi", ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return (new ResponseStream(body, response), response.Content.Headers.ContentLength);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Streams <paramref name="content"/> into the existing VDI (raw bytes or a VHD). The caller keeps ownership of the stream.</summary>
    public Task ImportAsync(VdiRef vdi, Stream content, VdiTransferFormat format, CancellationToken ct = default) =>
        ImportAsync(vdi, content, format, contentLength: null, ct);

    /// <summary>
    /// Streams <paramref name="content"/> into the existing VDI with a <c>Content-Length</c> of
    /// <paramref name="contentLength"/> (real XAPI refuses chunked uploads), for a forward-only stream whose length
    /// the caller knows. The stream must hold at least that many bytes (exactly that many are sent); null = its
    /// length when seekable, else chunked. A differencing VHD writes its present sectors over the VDI's content.
    /// </summary>
    public async Task ImportAsync(VdiRef vdi, Stream content, VdiTransferFormat format, long? contentLength, CancellationToken ct = default)
    {
        var uri = await BuildUriAsync("/import_raw_vdi", vdi, format, ct).ConfigureAwait(false);
        using var body = new UploadContent(content, contentLength);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = body };
        using var response = await session.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "import_raw_vdi", ct).ConfigureAwait(false);
    }

    private async Task<Uri> BuildUriAsync(string path, VdiRef vdi, VdiTransferFormat format, CancellationToken ct)
    {
        if (session.SessionRef is null)
        {
            await session.LoginAsync(ct).ConfigureAwait(false);
        }

        var query = $"session_id={Uri.EscapeDataString(session.SessionRef!.Value.OpaqueRef)}&vdi={Uri.EscapeDataString(vdi.OpaqueRef)}&format={format.ToString().ToLowerInvariant()}";
        return new UriBuilder(session.Host) { Path = path, Query = query }.Uri;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        throw new XenApiProtocolException($"{action}: HTTP {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
    }
}
