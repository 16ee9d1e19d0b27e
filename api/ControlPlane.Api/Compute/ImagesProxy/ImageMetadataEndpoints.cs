using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Metadata;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using ControlPlane.Api.Policy;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.ImagesProxy;

/// <summary>Nova's <c>/images/{id}/metadata</c> routes (below 2.39; 404 from 2.39, as Nova): list, set all (PUT), update
/// (POST), show, set and delete one key, through <see cref="ImageMetadataApi"/>. Bodies as server metadata's
/// (<see cref="MetadataBodyParser"/>).</summary>
public static class ImageMetadataEndpoints
{
    /// <summary>The last microversion that has the image metadata proxy.</summary>
    public static readonly ApiVersion LastVersion = new(2, 38);

    private const string Read = "os_compute_api:image-metadata:index";
    private const string Write = "os_compute_api:image-metadata:update";

    /// <summary>Maps the routes on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapImageMetadata(this RouteGroupBuilder group)
    {
        group.MapGet("/images/{id}/metadata", async (HttpContext ctx, string id, ImageMetadataApi api) =>
            Results.Json(new JsonObject { ["metadata"] = await api.ListAsync(Principal(ctx), id, ctx.RequestAborted) })).RequirePolicy(Read);
        group.MapPost("/images/{id}/metadata", (HttpContext ctx, string id, ImageMetadataApi api, IOptions<ApiOptions> o) =>
            SetAsync(ctx, id, api, o.Value, replace: false)).RequirePolicy(Write);
        group.MapPut("/images/{id}/metadata", (HttpContext ctx, string id, ImageMetadataApi api, IOptions<ApiOptions> o) =>
            SetAsync(ctx, id, api, o.Value, replace: true)).RequirePolicy(Write);
        group.MapGet("/images/{id}/metadata/{key}", async (HttpContext ctx, string id, string key, ImageMetadataApi api) =>
            Results.Json(new JsonObject { ["meta"] = new JsonObject { [key] = await api.ShowAsync(Principal(ctx), id, key, ctx.RequestAborted) } }))
            .RequirePolicy(Read);
        group.MapPut("/images/{id}/metadata/{key}", SetOneAsync).RequirePolicy(Write);
        group.MapDelete("/images/{id}/metadata/{key}", async (HttpContext ctx, string id, string key, ImageMetadataApi api) =>
        {
            await api.DeleteAsync(Principal(ctx), id, key, ctx.RequestAborted);
            return Results.NoContent();
        }).RequirePolicy(Write);
        return group;
    }

    private static async Task<IResult> SetAsync(HttpContext ctx, string id, ImageMetadataApi api, ApiOptions options, bool replace)
    {
        var principal = Principal(ctx);
        IReadOnlyDictionary<string, string> items;
        using (var body = await JsonBody.ReadAsync(ctx.Request, options.MaxBodyBytes, ctx.RequestAborted))
        {
            items = MetadataBodyParser.ParseAll(body.RootElement);
        }
        return Results.Json(new JsonObject { ["metadata"] = await api.SetAsync(principal, id, items, replace, ctx.RequestAborted) });
    }

    private static async Task<IResult> SetOneAsync(HttpContext ctx, string id, string key, ImageMetadataApi api, IOptions<ApiOptions> options)
    {
        var principal = Principal(ctx);
        string value;
        using (var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted))
        {
            value = MetadataBodyParser.ParseOne(body.RootElement, key);
        }
        await api.SetAsync(principal, id, new Dictionary<string, string> { [key] = value }, replace: false, ctx.RequestAborted);
        return Results.Json(new JsonObject { ["meta"] = new JsonObject { [key] = value } });
    }

    private static RequestPrincipal Principal(HttpContext ctx) =>
        ctx.Microversion() > LastVersion ? throw new NotFoundException("The resource could not be found.") : ctx.Principal();
}
