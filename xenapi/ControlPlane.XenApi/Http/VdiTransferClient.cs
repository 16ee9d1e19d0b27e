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
    public async Task<Stream> ExportAsync(VdiRef vdi, VdiTransferFormat format, CancellationToken ct = default)
    {
        var uri = await BuildUriAsync("/export_raw_vdi", vdi, format, ct).ConfigureAwait(false);
        var response = await session.Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, "export_raw_vdi", ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return new ResponseStream(body, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Streams <paramref name="content"/> into the existing VDI (raw bytes or a VHD). The caller keeps ownership of the stream.</summary>
    public async Task ImportAsync(VdiRef vdi, Stream content, VdiTransferFormat format, CancellationToken ct = default)
    {
        var uri = await BuildUriAsync("/import_raw_vdi", vdi, format, ct).ConfigureAwait(false);
        using var body = new UploadContent(content);
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
