using System.Text.Json.Nodes;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using ControlPlane.Api.Policy;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary><c>POST /servers/{id}/remote-consoles</c> (2.6+) and <c>GET /os-console-auth-tokens/{token}</c> (admin).</summary>
public static class RemoteConsoleEndpoints
{
    private static readonly ApiVersion RemoteConsoles = new(2, 6);
    private static readonly ApiVersion Mks = new(2, 8);
    private static readonly ApiVersion AnyTokenType = new(2, 31);

    /// <summary>Maps the routes on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapRemoteConsoles(this RouteGroupBuilder group)
    {
        group.MapPost("/servers/{id}/remote-consoles", CreateAsync).RequirePolicy("os_compute_api:os-remote-consoles");
        group.MapGet("/os-console-auth-tokens/{token}", ShowTokenAsync).RequirePolicy("os_compute_api:os-console-auth-tokens");
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext ctx, string id, RemoteConsoleApi api, IOptions<ApiOptions> options)
    {
        var version = ctx.Microversion();
        if (version < RemoteConsoles)
        {
            throw new NotFoundException("The resource could not be found.");
        }
        using var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted);
        var request = RemoteConsoleRequest.Parse(body.RootElement, mks: version >= Mks);
        var url = await api.GetConsoleUrlAsync(ctx.Principal(), id, request, ctx.RequestAborted);
        return Results.Json(new JsonObject
        {
            ["remote_console"] = new JsonObject { ["protocol"] = request.Protocol, ["type"] = request.Type, ["url"] = url },
        });
    }

    private static async Task<IResult> ShowTokenAsync(HttpContext ctx, string token, RemoteConsoleApi api)
    {
        var record = await api.GetTokenAsync(ctx.Principal(), token, anyType: ctx.Microversion() >= AnyTokenType, ctx.RequestAborted);
        return Results.Json(new JsonObject
        {
            ["console"] = new JsonObject
            {
                ["instance_uuid"] = record.InstanceId,
                ["host"] = record.Endpoint.Host,
                ["port"] = record.Endpoint.Port,
                ["internal_access_path"] = record.Endpoint.InternalAccessPath.Length == 0 ? null : record.Endpoint.InternalAccessPath,
            },
        });
    }
}
