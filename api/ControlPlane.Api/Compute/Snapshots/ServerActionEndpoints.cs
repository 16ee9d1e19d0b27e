using System.Text.Json;
using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Compute.Power;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>
/// <c>POST /servers/{id}/action</c>: the server must exist for the caller (404), the body must name
/// exactly one action (400), then one case per implemented action; any other action is a clear 400
/// naming it. Add an action as one more case of the switch.
/// </summary>
public static class ServerActionEndpoints
{
    /// <summary>Maps the route on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapServerActions(this RouteGroupBuilder group)
    {
        group.MapPost("/servers/{id}/action", ActAsync);
        return group;
    }

    private static async Task<IResult> ActAsync(HttpContext ctx, string id, ComputeApi api, IServiceProvider services, IOptions<ApiOptions> options)
    {
        await api.GetAsync(ctx.Principal(), id, ctx.RequestAborted);
        using var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted);
        if (body.RootElement.ValueKind != JsonValueKind.Object || body.RootElement.EnumerateObject().Count() != 1)
        {
            throw new InvalidException("Malformed request body: an action body names exactly one action, e.g. {\"os-stop\": null}.");
        }
        var action = body.RootElement.EnumerateObject().Single();
        return action.Name switch
        {
            CreateImageAction.Name => await CreateImageAction.HandleAsync(ctx, id, action.Value, services.GetRequiredService<SnapshotApi>()),
            PowerActions.Stop => await PowerActions.StopAsync(ctx, id, action.Value, services.GetRequiredService<PowerApi>()),
            PowerActions.Start => await PowerActions.StartAsync(ctx, id, action.Value, services.GetRequiredService<PowerApi>()),
            PowerActions.Reboot => await PowerActions.RebootAsync(ctx, id, action.Value, services.GetRequiredService<PowerApi>()),
            GetVncConsoleAction.Name => await GetVncConsoleAction.HandleAsync(ctx, id, action.Value, services.GetRequiredService<RemoteConsoleApi>()),
            _ => throw new InvalidException($"The server action '{action.Name}' is not supported by this cloud yet."),
        };
    }
}
