using System.Text.Json;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Text;

namespace ControlPlane.Api.Edge;

/// <summary>
/// Reads a request body as JSON, treating it as hostile: at most <c>maxBytes</c> (413 beyond, also
/// for a chunked body that keeps going), JSON media type only (415), well-formed UTF-8 JSON (400), depth-limited, and
/// every string storable text (<see cref="BodyText"/>; 400 for a NUL or a lone surrogate).
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads and parses the body; the caller disposes the document.</summary>
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType;
        if (!string.IsNullOrEmpty(contentType) && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException($"Unsupported Content-Type {contentType}; use application/json.");
        }
        if (request.ContentLength > maxBytes)
        {
            throw new PayloadTooLargeException($"Request is too large: the body may have at most {maxBytes} bytes.");
        }
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new PayloadTooLargeException($"Request is too large: the body may have at most {maxBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            throw new InvalidException("The request body is empty; a JSON object is required.");
        }
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        BodyText.RequireUtf8(bytes.Span);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidException("Malformed request body: " + e.Message, e);
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
