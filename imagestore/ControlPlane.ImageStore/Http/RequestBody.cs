using System.Text.Json;
using ControlPlane.Domain.Errors;

namespace ControlPlane.ImageStore.Http;

/// <summary>Reads small (JSON) request bodies with an explicit size cap.</summary>
public static class RequestBody
{
    /// <summary>The whole body; 413 as soon as it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new PayloadTooLargeException($"Request body of {request.ContentLength} bytes exceeds the limit of {maxBytes} bytes.");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new PayloadTooLargeException($"Request body exceeds the limit of {maxBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The body parsed as JSON; 400 when it is not valid JSON.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var bytes = await ReadAsync(request, maxBytes, cancellationToken);
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new InvalidException("Malformed JSON in request body.", ex);
        }
    }
}
