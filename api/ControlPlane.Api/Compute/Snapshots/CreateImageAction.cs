using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;

namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>
/// The <c>createImage</c> server action (one case of <c>POST /servers/{id}/action</c>): parse, call
/// <see cref="SnapshotApi"/>, answer 202 with the image's proxy URL in <c>Location</c> and an empty body
/// below 2.45, or <c>{"image_id": ...}</c> from 2.45 (tempest's v2_1 / v2_45 <c>create_image</c> schemas).
/// </summary>
public static class CreateImageAction
{
    /// <summary>The action key.</summary>
    public const string Name = "createImage";

    /// <summary>Microversion from which createImage answers <c>{"image_id"}</c> instead of a Location header.</summary>
    public static readonly ApiVersion ImageIdInBody = new(2, 45);

    /// <summary>Handles the action whose value is <paramref name="value"/>.</summary>
    public static async Task<IResult> HandleAsync(HttpContext ctx, string serverId, JsonElement value, SnapshotApi api)
    {
        var request = CreateImageParser.Parse(value);
        var created = await api.CreateImageAsync(ctx.Principal(), serverId, request, ctx.RequestAborted);
        return Respond(ctx, created.ImageId);
    }

    /// <summary>The 202 answer for <paramref name="imageId"/> at the request's microversion.</summary>
    public static IResult Respond(HttpContext ctx, Guid imageId)
    {
        var id = imageId.ToString("D");
        if (ctx.Microversion() >= ImageIdInBody)
        {
            return Results.Json(new JsonObject { ["image_id"] = id }, statusCode: StatusCodes.Status202Accepted);
        }
        ctx.Response.Headers.Location = ComputeLinks.For(ctx).Versioned + "/images/" + id;
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }
}
