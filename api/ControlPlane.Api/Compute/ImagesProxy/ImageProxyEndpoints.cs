using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;
using ControlPlane.Api.Policy;

namespace ControlPlane.Api.Compute.ImagesProxy;

/// <summary>
/// Nova's deprecated image proxy (<c>/images</c>: list, detail, show, delete) for microversions below
/// 2.36, as tempest's compute image tests use it; from 2.36 every route is 404, as Nova. The images are
/// the imagestore's, read with the user's token.
/// </summary>
public static class ImageProxyEndpoints
{
    /// <summary>The last microversion that has the proxy.</summary>
    public static readonly ApiVersion LastVersion = new(2, 35);

    /// <summary>Maps the proxy routes on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapImagesProxy(this RouteGroupBuilder group)
    {
        group.MapGet("/images", (HttpContext ctx, ImageServiceClient glance, IOptions<ApiOptions> o) => ListAsync(ctx, glance, o.Value, detail: false))
            .RequirePolicy("os_compute_api:images");
        group.MapGet("/images/detail", (HttpContext ctx, ImageServiceClient glance, IOptions<ApiOptions> o) => ListAsync(ctx, glance, o.Value, detail: true))
            .RequirePolicy("os_compute_api:images");
        group.MapGet("/images/{id}", ShowAsync).RequirePolicy("os_compute_api:images");
        group.MapDelete("/images/{id}", DeleteAsync).RequirePolicy("os_compute_api:images:delete");
        // DELETE /images/ (a blank id): 404 as Nova, not 405.
        group.MapDelete("/images", (HttpContext ctx) =>
        {
            EnsureProxyVersion(ctx);
            throw new NotFoundException("Image not found.");
        }).RequirePolicy("os_compute_api:images:delete");
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, ImageServiceClient glance, ApiOptions options, bool detail)
    {
        EnsureProxyVersion(ctx);
        var query = ImageProxyQuery.Parse(ctx.Request.Query, options.MaxLimit);
        var all = await glance.ListAllAsync(ctx.Principal().Token, ctx.RequestAborted);
        var page = query.Apply(all);
        var links = ComputeLinks.For(ctx);
        var items = page.Select(i => (JsonNode?)(detail
            ? ImageProxyView.Detail(i, links, options.ImageServiceUrl)
            : ImageProxyView.Summary(i, links, options.ImageServiceUrl))).ToArray();
        var body = new JsonObject { ["images"] = new JsonArray(items) };
        if (query.Limit is { } limit && page.Count > 0 && page.Count == limit)
        {
            var next = ctx.Request.Query.Where(p => p.Key != "marker")
                .Select(p => KeyValuePair.Create(p.Key, p.Value.ToString()))
                .Append(KeyValuePair.Create("marker", ImageProxyView.Id(page[^1])));
            body["images_links"] = links.Next(detail ? "images/detail" : "images", next);
        }
        return Results.Json(body);
    }

    private static async Task<IResult> ShowAsync(HttpContext ctx, string id, ImageServiceClient glance, IOptions<ApiOptions> options)
    {
        EnsureProxyVersion(ctx);
        var image = await glance.FindAsync(ParseId(id), ctx.Principal().Token, ctx.RequestAborted)
            ?? throw new NotFoundException("Image not found.");
        return Results.Json(new JsonObject { ["image"] = ImageProxyView.Detail(image, ComputeLinks.For(ctx), options.Value.ImageServiceUrl) });
    }

    private static async Task<IResult> DeleteAsync(HttpContext ctx, string id, ImageServiceClient glance)
    {
        EnsureProxyVersion(ctx);
        await glance.DeleteAsync(ParseId(id), ctx.Principal().Token, ctx.RequestAborted);
        return Results.NoContent();
    }

    private static void EnsureProxyVersion(HttpContext ctx)
    {
        if (ctx.Microversion() > LastVersion)
        {
            throw new NotFoundException("The resource could not be found.");
        }
    }

    private static Guid ParseId(string id) =>
        Guid.TryParseExact(id, "D", out var g) || Guid.TryParseExact(id, "N", out g) ? g : throw new NotFoundException("Image not found.");
}
