using System.Net.Http.Headers;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Transport;

/// <summary>JSON-RPC at <c>POST /jsonrpc</c> in either dialect; both error shapes are understood whatever was sent.</summary>
public sealed class JsonRpcTransport(HttpClient http, JsonRpcVersion version) : IXenApiTransport
{
    private long nextId;

    public async Task<object?> InvokeAsync(Uri host, string method, IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref nextId);
        using var content = new ByteArrayContent(JsonRpcEnvelope.Request(method, args, id, version));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        byte[] body;
        try
        {
            using var response = await http.PostAsync(new Uri(host, "/jsonrpc"), content, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new XenApiProtocolException($"{method}: HTTP {(int)response.StatusCode} from {host}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new XenApiProtocolException($"{method}: {e.Message}", e);
        }

        return JsonRpcEnvelope.Response(body);
    }
}
