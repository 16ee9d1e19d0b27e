using System.Text.Json.Nodes;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Api.Policy;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Metadata;

/// <summary>Nova's <c>/servers/{id}/metadata</c> routes: list, set all (PUT), update (POST), show, set and delete one key.</summary>
public static class ServerMetadataEndpoints
{
    private const string Rule = "os_compute_api:server-metadata:";

    /// <summary>Maps the routes on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapServerMetadata(this RouteGroupBuilder group)
    {
        group.MapGet("/servers/{id}/metadata", async (HttpContext ctx, string id, ServerMetadataApi api) =>
            All(await api.ListAsync(ctx.Principal(), id, ctx.RequestAborted))).RequirePolicy(Rule + "index");
        group.MapPost("/servers/{id}/metadata", (HttpContext ctx, string id, ServerMetadataApi api, IOptions<ApiOptions> o) =>
            SetAsync(ctx, id, api, o.Value, replace: false)).RequirePolicy(Rule + "create");
        group.MapPut("/servers/{id}/metadata", (HttpContext ctx, string id, ServerMetadataApi api, IOptions<ApiOptions> o) =>
            SetAsync(ctx, id, api, o.Value, replace: true)).RequirePolicy(Rule + "update_all");
        group.MapGet("/servers/{id}/metadata/{key}", async (HttpContext ctx, string id, string key, ServerMetadataApi api) =>
            One(key, await api.ShowAsync(ctx.Principal(), id, key, ctx.RequestAborted))).RequirePolicy(Rule + "show");
        group.MapPut("/servers/{id}/metadata/{key}", SetOneAsync).RequirePolicy(Rule + "update");
        group.MapDelete("/servers/{id}/metadata/{key}", async (HttpContext ctx, string id, string key, ServerMetadataApi api) =>
        {
            await api.DeleteAsync(ctx.Principal(), id, key, ctx.RequestAborted);
            return Results.NoContent();
        }).RequirePolicy(Rule + "delete");
        return group;
    }

    private static async Task<IResult> SetAsync(HttpContext ctx, string id, ServerMetadataApi api, ApiOptions options, bool replace)
    {
        IReadOnlyDictionary<string, string> items;
        using (var body = await JsonBody.ReadAsync(ctx.Request, options.MaxBodyBytes, ctx.RequestAborted))
        {
            items = MetadataBodyParser.ParseAll(body.RootElement);
        }
        return All(await api.SetAsync(ctx.Principal(), id, items, replace, ctx.RequestAborted));
    }

    private static async Task<IResult> SetOneAsync(HttpContext ctx, string id, string key, ServerMetadataApi api, IOptions<ApiOptions> options)
    {
        string value;
        using (var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted))
        {
            value = MetadataBodyParser.ParseOne(body.RootElement, key);
        }
        await api.SetAsync(ctx.Principal(), id, new Dictionary<string, string> { [key] = value }, replace: false, ctx.RequestAborted);
        return One(key, value);
    }

    private static IResult All(IReadOnlyDictionary<string, string> items)
    {
        var metadata = new JsonObject();
        foreach (var (k, v) in items)
        {
            metadata[k] = v;
        }
        return Results.Json(new JsonObject { ["metadata"] = metadata });
    }

    private static IResult One(string key, string value) => Results.Json(new JsonObject { ["meta"] = new JsonObject { [key] = value } });
}
