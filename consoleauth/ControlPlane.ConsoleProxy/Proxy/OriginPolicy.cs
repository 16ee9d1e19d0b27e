namespace ControlPlane.ConsoleProxy.Proxy;

/// <summary>
/// Nova's origin check (<c>console/websocketproxy.py</c>): a browser's <c>Origin</c> must name the host the request was
/// sent to (its <c>Host</c> header) or one of the allowed host names, with an http(s) or ws(s) scheme. No <c>Origin</c>
/// (a non-browser client) passes.
/// </summary>
public sealed class OriginPolicy(IEnumerable<string> allowedHosts)
{
    private readonly HashSet<string> _allowed = new(allowedHosts, StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when allowed, else the reason for the refusal.</summary>
    public string? Refusal(string? origin, string? host)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return null;
        }
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            return "Origin header is not an http(s) origin";
        }
        var expected = string.IsNullOrEmpty(host) ? null : host.Split(':')[0];
        return string.Equals(uri.Host, expected, StringComparison.OrdinalIgnoreCase) || _allowed.Contains(uri.Host)
            ? null
            : $"Origin host '{uri.Host}' does not match the request's host and is not allowed";
    }
}
