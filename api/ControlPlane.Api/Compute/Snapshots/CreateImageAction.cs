using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Microversions;
using ControlPlane.Compute.Rpc;

namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>
/// The <c>createImage</c> server action: parse (<see cref="CreateImageParser"/>), run a <see cref="CreateImageCall"/>,
/// answer 202 with the image's proxy URL in <c>Location</c> and an empty body below 2.45, or
/// <c>{"image_id": ...}</c> from 2.45 (tempest's v2_1 / v2_45 <c>create_image</c> schemas).
/// </summary>
public sealed class CreateImageAction(ImageServiceClient images, ComputeRpcClient compute, ILogger<CreateImageAction> logger) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "createImage";

    /// <summary>Microversion from which createImage answers <c>{"image_id"}</c> instead of a Location header.</summary>
    public static readonly ApiVersion ImageIdInBody = new(2, 45);

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value) => new CreateImageCall(CreateImageParser.Parse(value), images, compute, logger);

    /// <inheritdoc />
    public IResult Respond(HttpContext context, ServerActionCall call) => Respond(context, ((CreateImageCall)call).ImageId);

    /// <summary>The 202 answer for <paramref name="imageId"/> at the request's microversion.</summary>
    public static IResult Respond(HttpContext ctx, Guid imageId)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var id = imageId.ToString("D");
        if (ctx.Microversion() >= ImageIdInBody)
        {
            return Results.Json(new JsonObject { ["image_id"] = id }, statusCode: StatusCodes.Status202Accepted);
        }
        ctx.Response.Headers.Location = ComputeLinks.For(ctx).Versioned + "/images/" + id;
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }
}
