using Microsoft.AspNetCore.Http;

namespace XapiSim.Endpoints;

/// <summary>Reads a request body up to a limit.</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it exceeds <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>XAPI answers a malformed request with HTTP 500 and an HTML body.</summary>
    public static IResult Malformed(string reason) =>
        Results.Content($"<html><body><h1>HTTP 500 internal server error</h1>{System.Net.WebUtility.HtmlEncode(reason)}</body></html>", "text/html", statusCode: 500);
}
