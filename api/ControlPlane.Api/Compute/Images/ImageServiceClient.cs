using System.Net;
using System.Text.Json;
using ControlPlane.Api.Diagnostics;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Images;

/// <summary>
/// Asks the imagestore (Glance v2) about an image on the user's behalf:
/// <c>GET {Api:ImageServiceUrl}/v2/images/{id}</c> with the user's token, so that image visibility is
/// the imagestore's decision. 404 (or 403) means "not found" for the booting user.
/// </summary>
public sealed class ImageServiceClient(HttpClient http, ILogger<ImageServiceClient> logger)
{
    /// <summary>The image, or <c>null</c> when the user cannot see it; 503 when the imagestore cannot be reached.</summary>
    public async Task<ImageInfo?> FindAsync(Guid id, string userToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/images/" + id.ToString("D"));
        request.Headers.TryAddWithoutValidation("X-Auth-Token", userToken);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceUnavailableException("The image service could not be reached: " + e.Message, e);
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                ApiLog.ImageServiceError(logger, (int)response.StatusCode, id.ToString());
                throw new ServiceUnavailableException($"The image service answered {(int)response.StatusCode} for image {id}.");
            }
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var root = doc.RootElement;
            return new ImageInfo(id,
                root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "unknown",
                Int(root, "min_ram"), Int(root, "min_disk"),
                root.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : null,
                root.TryGetProperty("base_image_ref", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null);
        }
    }

    private static int Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
}
