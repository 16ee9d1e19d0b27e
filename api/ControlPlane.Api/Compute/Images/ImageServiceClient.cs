using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Diagnostics;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Images;

/// <summary>
/// The image API (imagestore, Glance v2) as the compute API uses it on a user's behalf, always with the
/// user's own token so that visibility and ownership stay the imagestore's decision:
/// <c>{Api:ImageServiceUrl}/v2/images</c> create, list (following <c>next</c>), show and delete; the one
/// image client of the api (boot checks, createImage, the compute image proxy).
/// Answers are translated to the error hierarchy: 404 (and 403 on reads) = not found; an unreachable or
/// failing imagestore = 503.
/// </summary>
public sealed class ImageServiceClient(HttpClient http, ILogger<ImageServiceClient> logger)
{
    /// <summary>Upper bound of the pages followed when listing (1000 images per page).</summary>
    public const int MaxPages = 50;

    /// <summary>Creates an image record (status queued) and returns it.</summary>
    public async Task<JsonObject> CreateAsync(JsonObject image, string userToken, CancellationToken cancellationToken)
    {
        using var request = New(HttpMethod.Post, "v2/images", userToken);
        request.Content = JsonContent.Create(image);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.Conflict)
        {
            throw new InvalidException("The image service refused the snapshot image: " + await ErrorTextAsync(response, cancellationToken));
        }
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            throw new OverQuotaException("Image quota exceeded: " + await ErrorTextAsync(response, cancellationToken));
        }
        return await ReadObjectAsync(response, "create", cancellationToken);
    }

    /// <summary>The image, or null when the user cannot see it.</summary>
    public async Task<JsonObject?> FindAsync(Guid id, string userToken, CancellationToken cancellationToken)
    {
        using var request = New(HttpMethod.Get, "v2/images/" + id.ToString("D"), userToken);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            ApiLog.ImageServiceError(logger, (int)response.StatusCode, id.ToString());
        }
        return await ReadObjectAsync(response, "show", cancellationToken);
    }

    /// <summary>What a boot needs to know about the image, or null when the user cannot see it.</summary>
    public async Task<ImageInfo?> FindInfoAsync(Guid id, string userToken, CancellationToken cancellationToken) =>
        await FindAsync(id, userToken, cancellationToken) is { } image ? ImageInfo.From(id, image) : null;

    /// <summary>Every image the user can see (newest first, the imagestore's default order).</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAllAsync(string userToken, CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        string? next = "v2/images?limit=1000";
        for (var page = 0; next is not null; page++)
        {
            if (page == MaxPages)
            {
                throw new ServiceUnavailableException($"The image service returned more than {MaxPages} pages of images.");
            }
            using var request = New(HttpMethod.Get, next, userToken);
            using var response = await SendAsync(request, cancellationToken);
            var body = await ReadObjectAsync(response, "list", cancellationToken);
            if (body["images"] is JsonArray images)
            {
                all.AddRange(images.OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone()));
            }
            next = body["next"]?.GetValue<string>() is { Length: > 0 } n ? n.TrimStart('/') : null;
        }
        return all;
    }

    /// <summary>Deletes the image: 404 when the user cannot see it, 403 when not allowed to delete it.</summary>
    public async Task DeleteAsync(Guid id, string userToken, CancellationToken cancellationToken)
    {
        using var request = New(HttpMethod.Delete, "v2/images/" + id.ToString("D"), userToken);
        using var response = await SendAsync(request, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NoContent or HttpStatusCode.OK:
                return;
            case HttpStatusCode.NotFound:
                throw new NotFoundException("Image not found.");
            case HttpStatusCode.Forbidden:
                throw new ForbiddenException(await ErrorTextAsync(response, cancellationToken));
            case HttpStatusCode.Conflict:
                throw new ConflictException(await ErrorTextAsync(response, cancellationToken));
            default:
                throw new ServiceUnavailableException($"The image service answered {(int)response.StatusCode} deleting image {id}.");
        }
    }

    /// <summary>Applies a Glance v2.1 JSON patch (<paramref name="operations"/>) to the image's properties and returns the image
    /// after; 404 when the user cannot see it, 403 when it may not change it, 400 / 409 as the image service says.</summary>
    public async Task<JsonObject> PatchAsync(Guid id, JsonArray operations, string userToken, CancellationToken cancellationToken)
    {
        using var request = New(HttpMethod.Patch, "v2/images/" + id.ToString("D"), userToken);
        request.Content = new StringContent(operations.ToJsonString(), System.Text.Encoding.UTF8);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/openstack-images-v2.1-json-patch");
        using var response = await SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => await ReadObjectAsync(response, "update", cancellationToken),
            HttpStatusCode.NotFound => throw new NotFoundException("Image not found."),
            HttpStatusCode.Forbidden => throw new ForbiddenException(await ErrorTextAsync(response, cancellationToken)),
            HttpStatusCode.BadRequest => throw new InvalidException(await ErrorTextAsync(response, cancellationToken)),
            HttpStatusCode.Conflict => throw new ConflictException(await ErrorTextAsync(response, cancellationToken)),
            HttpStatusCode.RequestEntityTooLarge => throw new OverQuotaException(await ErrorTextAsync(response, cancellationToken)),
            _ => throw new ServiceUnavailableException($"The image service answered {(int)response.StatusCode} updating image {id}."),
        };
    }

    private static HttpRequestMessage New(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceUnavailableException("The image service could not be reached: " + e.Message, e);
        }
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ServiceUnavailableException($"The image service answered {(int)response.StatusCode} to an image {what}.");
        }
        var node = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        return node as JsonObject ?? throw new ServiceUnavailableException($"The image service sent no JSON object to an image {what}.");
    }

    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length <= 300 ? text : text[..300];
    }
}
