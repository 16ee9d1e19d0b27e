using System.Text;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Transport;

/// <summary>XML-RPC at <c>POST /</c>, unwrapping XAPI's <c>{Status, Value | ErrorDescription}</c> envelope.</summary>
public sealed class XmlRpcTransport(HttpClient http) : IXenApiTransport
{
    public async Task<object?> InvokeAsync(Uri host, string method, IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        var body = XmlRpcWriter.MethodCall(method, args, XmlRpcScalarStyle.Typed);
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        string text;
        try
        {
            using var response = await http.PostAsync(new Uri(host, "/"), content, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new XenApiProtocolException($"{method}: HTTP {(int)response.StatusCode} from {host}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new XenApiProtocolException($"{method}: {e.Message}", e);
        }

        return Unwrap(method, XmlRpcReader.MethodResponse(text));
    }

    /// <summary>Unwraps XAPI's Status envelope; a missing Status is a protocol error (as in XenAPI.py).</summary>
    public static object? Unwrap(string method, object? envelope)
    {
        var map = envelope as IReadOnlyDictionary<string, object?>
            ?? throw new XenApiProtocolException($"{method}: response is not a Status struct");
        var status = map.TryGetValue("Status", out var s) ? WireConvert.ToStr(s)
            : throw new XenApiProtocolException($"{method}: response has no Status");
        return status switch
        {
            "Success" => map.GetValueOrDefault("Value"),
            "Failure" => throw new XenApiFailure(WireConvert.ToStrings(map.GetValueOrDefault("ErrorDescription"))),
            _ => throw new XenApiProtocolException($"{method}: unknown Status '{status}'"),
        };
    }
}
