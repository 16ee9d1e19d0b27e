using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Auth;
using ControlPlane.ImageStore.Images;
using ControlPlane.ImageStore.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.ImageStore.Http;

/// <summary>Glance v2 image members: <c>/v2/images/{id}/members[/{member}]</c>.</summary>
public static class ImageMemberEndpoints
{
    /// <summary>Maps the member routes on <paramref name="v2"/>.</summary>
    public static void MapImageMembers(this RouteGroupBuilder v2)
    {
        v2.MapPost("/images/{id}/members", AddAsync);
        v2.MapGet("/images/{id}/members", ListAsync);
        v2.MapGet("/images/{id}/members/{member}", ShowAsync);
        v2.MapPut("/images/{id}/members/{member}", UpdateAsync);
        v2.MapDelete("/images/{id}/members/{member}", RemoveAsync);
    }

    /// <summary>A member in Glance's shape.</summary>
    public static JsonObject Render(ImageMember member) => new()
    {
        ["created_at"] = ImageJson.Timestamp(member.CreatedAt),
        ["updated_at"] = ImageJson.Timestamp(member.UpdatedAt),
        ["image_id"] = member.ImageId.ToString("D"),
        ["member_id"] = member.MemberId,
        ["status"] = member.Status,
        ["schema"] = "/v2/schemas/member",
    };

    private static async Task<IResult> AddAsync(string id, HttpContext http, ImageMemberService members, IOptions<ImageStoreOptions> options)
    {
        var memberId = await ReadStringAsync(http, "member", options.Value.MaxJsonBodyBytes);
        var member = await members.AddAsync(ImageEndpoints.ParseId(id), memberId, TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return GlanceResults.Json(Render(member));
    }

    private static async Task<IResult> ListAsync(string id, HttpContext http, ImageMemberService members)
    {
        var list = await members.ListAsync(ImageEndpoints.ParseId(id), TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return GlanceResults.Json(new JsonObject
        {
            ["members"] = new JsonArray(list.Select(m => (JsonNode)Render(m)).ToArray()),
            ["schema"] = "/v2/schemas/members",
        });
    }

    private static async Task<IResult> ShowAsync(string id, string member, HttpContext http, ImageMemberService members) =>
        GlanceResults.Json(Render(await members.GetAsync(ImageEndpoints.ParseId(id), member, TokenAuthFilter.CallerOf(http), http.RequestAborted)));

    private static async Task<IResult> UpdateAsync(string id, string member, HttpContext http, ImageMemberService members, IOptions<ImageStoreOptions> options)
    {
        var status = await ReadStringAsync(http, "status", options.Value.MaxJsonBodyBytes);
        var updated = await members.SetStatusAsync(ImageEndpoints.ParseId(id), member, status, TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return GlanceResults.Json(Render(updated));
    }

    private static async Task<IResult> RemoveAsync(string id, string member, HttpContext http, ImageMemberService members)
    {
        await members.RemoveAsync(ImageEndpoints.ParseId(id), member, TokenAuthFilter.CallerOf(http), http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<string> ReadStringAsync(HttpContext http, string name, long maxBytes)
    {
        using var body = await RequestBody.ReadJsonAsync(http.Request, maxBytes, http.RequestAborted);
        return body.RootElement.ValueKind == JsonValueKind.Object
               && body.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidException($"The request body must be a JSON object with a string \"{name}\".");
    }
}
