using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using ControlPlane.Api.Policy;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Tags;

/// <summary>Nova's <c>/servers/{id}/tags</c> routes (2.26): list, replace all, delete all, check, add and delete one tag.
/// Below 2.26 they do not exist (404).</summary>
public static class ServerTagEndpoints
{
    private const string Rule = "os_compute_api:os-server-tags:";
    private static readonly ApiVersion FirstVersion = new(2, 26);

    /// <summary>Maps the routes on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapServerTags(this RouteGroupBuilder group)
    {
        group.MapGet("/servers/{id}/tags", async (HttpContext ctx, string id, ServerTagsApi api) =>
            List(await api.ListAsync(Principal(ctx), id, ctx.RequestAborted))).RequirePolicy(Rule + "index");
        group.MapPut("/servers/{id}/tags", ReplaceAsync).RequirePolicy(Rule + "update_all");
        group.MapDelete("/servers/{id}/tags", async (HttpContext ctx, string id, ServerTagsApi api) =>
        {
            await api.ReplaceAsync(Principal(ctx), id, [], ctx.RequestAborted);
            return Results.NoContent();
        }).RequirePolicy(Rule + "delete_all");
        group.MapGet("/servers/{id}/tags/{tag}", async (HttpContext ctx, string id, string tag, ServerTagsApi api) =>
        {
            await api.CheckAsync(Principal(ctx), id, tag, ctx.RequestAborted);
            return Results.NoContent();
        }).RequirePolicy(Rule + "show");
        group.MapPut("/servers/{id}/tags/{tag}", async (HttpContext ctx, string id, string tag, ServerTagsApi api) =>
        {
            var principal = Principal(ctx);
            if (await api.AddAsync(principal, id, ServerTagsApi.Validate(tag), ctx.RequestAborted))
            {
                ctx.Response.Headers.Location = ComputeLinks.For(ctx).Versioned + "/servers/" + id + "/tags/" + Uri.EscapeDataString(tag);
                return Results.StatusCode(StatusCodes.Status201Created);
            }
            return Results.NoContent();
        }).RequirePolicy(Rule + "update");
        group.MapDelete("/servers/{id}/tags/{tag}", async (HttpContext ctx, string id, string tag, ServerTagsApi api) =>
        {
            await api.DeleteAsync(Principal(ctx), id, tag, ctx.RequestAborted);
            return Results.NoContent();
        }).RequirePolicy(Rule + "delete");
        return group;
    }

    private static async Task<IResult> ReplaceAsync(HttpContext ctx, string id, ServerTagsApi api, IOptions<ApiOptions> options)
    {
        var principal = Principal(ctx);
        List<string> tags;
        using (var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted))
        {
            tags = ParseTags(body.RootElement);
        }
        return List(await api.ReplaceAsync(principal, id, tags, ctx.RequestAborted));
    }

    /// <summary>Nova's <c>update_all</c> schema: <c>{"tags": [tag, ...]}</c>, at most 50, nothing else.</summary>
    public static List<string> ParseTags(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tags", out var tags))
        {
            throw BodyFields.Invalid("body", root, "'tags' is a required property");
        }
        BodyFields.RejectUnknown(root, "body", new HashSet<string> { "tags" });
        if (tags.ValueKind != JsonValueKind.Array)
        {
            throw BodyFields.Invalid("tags", tags, $"{BodyFields.Shorten(tags.GetRawText())} is not of type 'array'");
        }
        if (tags.GetArrayLength() > ServerTagsApi.MaxTags)
        {
            throw BodyFields.Invalid("tags", tags, $"is too long: at most {ServerTagsApi.MaxTags} tags");
        }
        return tags.EnumerateArray()
            .Select(t => ServerTagsApi.Validate(t.ValueKind == JsonValueKind.String ? t.GetString()! : throw BodyFields.Invalid("tags", t, $"{t.GetRawText()} is not of type 'string'")))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    private static RequestPrincipal Principal(HttpContext ctx) =>
        ctx.Microversion() < FirstVersion ? throw new NotFoundException("The resource could not be found.") : ctx.Principal();

    private static IResult List(IReadOnlyList<string> tags) =>
        Results.Json(new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray()) });
}
