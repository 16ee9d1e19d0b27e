using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Auth;
using ControlPlane.ImageStore.Images;
using Microsoft.AspNetCore.Http.Features;

namespace ControlPlane.ImageStore.Http;

/// <summary>
/// <c>PUT</c>/<c>GET /v2/images/{id}/file</c>: image bits streamed in both directions, chunked or
/// sized, never buffered whole. This is the only route without the JSON body size cap.
/// </summary>
public static class ImageDataEndpoints
{
    /// <summary>Maps the data routes on <paramref name="v2"/>.</summary>
    public static void MapImageData(this RouteGroupBuilder v2)
    {
        v2.MapPut("/images/{id}/file", UploadAsync);
        v2.MapGet("/images/{id}/file", DownloadAsync);
    }

    private static async Task<IResult> UploadAsync(string id, HttpContext http, ImageDataService data)
    {
        var contentType = http.Request.ContentType;
        if (!string.IsNullOrEmpty(contentType)
            && !contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException($"Unsupported Content-Type '{contentType}' for image data; use application/octet-stream.");
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The size cap and the project quota are enforced by the upload itself.
            limit.MaxRequestBodySize = null;
        }
        await data.UploadAsync(ImageEndpoints.ParseId(id), http.Request.Body, http.Request.ContentLength,
            TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> DownloadAsync(string id, HttpContext http, ImageDataService data)
    {
        var (image, stream) = await data.OpenAsync(ImageEndpoints.ParseId(id), TokenAuthFilter.CallerOf(http), http.RequestAborted);
        if (stream is null)
        {
            return Results.NoContent();
        }
        if (image.Checksum is { } md5)
        {
            // NOTE: Glance sends the hex MD5 here (not base64 as RFC 1864 says); clients compare it so.
            http.Response.Headers["Content-MD5"] = md5;
        }
        return Results.Stream(stream, "application/octet-stream", enableRangeProcessing: true);
    }
}
