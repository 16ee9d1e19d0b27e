using System.Text.Json;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Text;

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

    /// <summary>The body parsed as JSON (see <see cref="ParseJson"/>).</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        return ParseJson(await ReadAsync(request, maxBytes, cancellationToken));
    }

    /// <summary>
    /// Parses <paramref name="bytes"/> as JSON: 400 when it is not valid UTF-8 or JSON, or when a
    /// string in it is not storable text (<see cref="BodyText"/>).
    /// </summary>
    public static JsonDocument ParseJson(byte[] bytes)
    {
        BodyText.RequireUtf8(bytes);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new InvalidException("Malformed JSON in request body.", ex);
        }
        try
        {
            BodyText.RequireStorable(document.RootElement);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }
}
