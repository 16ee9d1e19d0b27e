using System.Text.Json.Nodes;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using Microsoft.Extensions.Options;
using ControlPlane.Api.Policy;

namespace ControlPlane.Api.Compute.KeyPairs;

/// <summary><c>/os-keypairs</c>: create/import, list, show, delete of the caller's key pairs.
/// Before 2.2: create 200, delete 202, no <c>type</c>; from 2.2: create 201, delete 204, <c>type</c> shown.</summary>
public static class KeyPairEndpoints
{
    private static readonly ApiVersion TypeVersion = new(2, 2);

    /// <summary>Maps the routes on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapKeyPairs(this RouteGroupBuilder group)
    {
        group.MapPost("/os-keypairs", CreateAsync).RequirePolicy("os_compute_api:os-keypairs:create");
        group.MapGet("/os-keypairs", ListAsync).RequirePolicy("os_compute_api:os-keypairs:index");
        group.MapGet("/os-keypairs/{name}", ShowAsync).RequirePolicy("os_compute_api:os-keypairs:show");
        group.MapDelete("/os-keypairs/{name}", DeleteAsync).RequirePolicy("os_compute_api:os-keypairs:delete");
        return group;
    }

    private static bool WithType(HttpContext ctx) => ctx.Microversion() >= TypeVersion;

    private static async Task<IResult> CreateAsync(HttpContext ctx, KeyPairApi api, IOptions<ApiOptions> options)
    {
        using var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted);
        var request = KeyPairRequest.Parse(body.RootElement, WithType(ctx));
        var (keyPair, privateKey) = await api.CreateAsync(ctx.Principal(), request.Name, request.PublicKey, ctx.RequestAborted);
        return Results.Json(KeyPairView.Created(keyPair, privateKey, WithType(ctx)),
            statusCode: WithType(ctx) ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, KeyPairApi api)
    {
        var list = await api.ListAsync(ctx.Principal(), ctx.RequestAborted);
        var withType = WithType(ctx);
        return Results.Json(new JsonObject { ["keypairs"] = new JsonArray([.. list.Select(k => (JsonNode)KeyPairView.Summary(k, withType))]) });
    }

    private static async Task<IResult> ShowAsync(HttpContext ctx, string name, KeyPairApi api) =>
        Results.Json(KeyPairView.Detail(await api.GetAsync(ctx.Principal(), name, ctx.RequestAborted), WithType(ctx)));

    private static async Task<IResult> DeleteAsync(HttpContext ctx, string name, KeyPairApi api)
    {
        await api.DeleteAsync(ctx.Principal(), name, ctx.RequestAborted);
        return Results.StatusCode(WithType(ctx) ? StatusCodes.Status204NoContent : StatusCodes.Status202Accepted);
    }
}
