using System.Text.Json.Nodes;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Auth;
using ControlPlane.ImageStore.Images;
using ControlPlane.ImageStore.Options;
using ControlPlane.ImageStore.Patching;
using Microsoft.Extensions.Options;

namespace ControlPlane.ImageStore.Http;

/// <summary>Glance v2 image metadata routes: create, list, show, update, delete, deactivate, reactivate.</summary>
public static class ImageEndpoints
{
    /// <summary>Maps the image routes on <paramref name="v2"/> (a group at <c>{prefix}/v2</c>).</summary>
    public static void MapImages(this RouteGroupBuilder v2)
    {
        v2.MapPost("/images", CreateAsync);
        v2.MapGet("/images", ListAsync);
        v2.MapGet("/images/{id}", ShowAsync);
        v2.MapPatch("/images/{id}", UpdateAsync);
        v2.MapDelete("/images/{id}", DeleteAsync);
        v2.MapPost("/images/{id}/actions/deactivate", DeactivateAsync);
        v2.MapPost("/images/{id}/actions/reactivate", ReactivateAsync);
        v2.MapPut("/images/{id}/tags/{tag}", AddTagAsync);
        v2.MapDelete("/images/{id}/tags/{tag}", RemoveTagAsync);
    }

    /// <summary>Parses an image id from the route; anything but a UUID is a missing image (404).</summary>
    public static Guid ParseId(string id) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw new NotFoundException($"No image found with ID {id}");

    private static async Task<IResult> CreateAsync(HttpContext http, ImageService images, IOptions<ImageStoreOptions> options)
    {
        using var body = await RequestBody.ReadJsonAsync(http.Request, options.Value.MaxJsonBodyBytes, http.RequestAborted);
        var image = await images.CreateAsync(body.RootElement, TokenAuthFilter.CallerOf(http), http.RequestAborted);
        http.Response.Headers.Location = $"/v2/images/{image.Id:D}";
        return GlanceResults.Json(ImageJson.Render(image), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ImageService images, IOptions<ImageStoreOptions> options)
    {
        var query = ImageListQueryParser.Parse(http.Request.Query, options.Value);
        var page = await images.ListAsync(query, TokenAuthFilter.CallerOf(http), http.RequestAborted);
        var body = new JsonObject
        {
            ["images"] = new JsonArray(page.Select(i => (JsonNode)ImageJson.Render(i)).ToArray()),
            ["first"] = PageLink(http.Request.Query, null),
            ["schema"] = "/v2/schemas/images",
        };
        if (query.Limit > 0 && page.Count == query.Limit)
        {
            body["next"] = PageLink(http.Request.Query, page[^1].Id);
        }
        return GlanceResults.Json(body);
    }

    private static async Task<IResult> ShowAsync(string id, HttpContext http, ImageService images) =>
        GlanceResults.Json(ImageJson.Render(await images.GetAsync(ParseId(id), TokenAuthFilter.CallerOf(http), http.RequestAborted)));

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, ImageService images, IOptions<ImageStoreOptions> options)
    {
        var imageId = ParseId(id);
        var caller = TokenAuthFilter.CallerOf(http);
        var bytes = await RequestBody.ReadAsync(http.Request, options.Value.MaxJsonBodyBytes, http.RequestAborted);
        var operations = JsonPatchParser.Parse(http.Request.ContentType, bytes);
        var draft4 = (http.Request.ContentType ?? "").StartsWith(PatchMediaTypes.V20, StringComparison.OrdinalIgnoreCase);
        var image = await images.UpdateAsync(imageId, operations, draft4, caller, http.RequestAborted);
        return GlanceResults.Json(ImageJson.Render(image));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, ImageService images)
    {
        await images.DeleteAsync(ParseId(id), TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> DeactivateAsync(string id, HttpContext http, ImageService images)
    {
        await images.DeactivateAsync(ParseId(id), TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> ReactivateAsync(string id, HttpContext http, ImageService images)
    {
        await images.ReactivateAsync(ParseId(id), TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> AddTagAsync(string id, string tag, HttpContext http, ImageService images)
    {
        await images.AddTagAsync(ParseId(id), tag, TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> RemoveTagAsync(string id, string tag, HttpContext http, ImageService images)
    {
        await images.RemoveTagAsync(ParseId(id), tag, TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return Results.NoContent();
    }

    private static string PageLink(IQueryCollection query, Guid? marker)
    {
        var pairs = query.Where(p => p.Key != "marker")
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .ToList();
        if (marker is { } m)
        {
            pairs.Add(new("marker", m.ToString("D")));
        }
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/v2/images", pairs);
    }
}
