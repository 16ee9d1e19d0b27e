using System.Text.Json;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>
/// <c>POST /servers/{id}/action</c>: the server must exist for the caller (404), the body must name exactly
/// one action (400), the action must be registered (400 naming it otherwise), then the action parses its
/// value and the <see cref="ServerActionRunner"/> runs it. Add an action by registering an <see cref="IServerAction"/>.
/// </summary>
public static class ServerActionEndpoints
{
    /// <summary>Maps the route on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapServerActions(this RouteGroupBuilder group)
    {
        group.MapPost("/servers/{id}/action", ActAsync);
        return group;
    }

    private static async Task<IResult> ActAsync(HttpContext ctx, string id, ServerActions actions, ServerActionRunner runner, IOptions<ApiOptions> options)
    {
        IServerAction? action = null;
        ServerActionCall? call = null;
        await runner.RunAsync(ctx.Principal(), id, async () =>
        {
            using var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted);
            if (body.RootElement.ValueKind != JsonValueKind.Object || body.RootElement.EnumerateObject().Count() != 1)
            {
                throw new InvalidException("Malformed request body: an action body names exactly one action, e.g. {\"os-stop\": null}.");
            }
            var property = body.RootElement.EnumerateObject().Single();
            action = actions.Find(property.Name)
                ?? throw new InvalidException($"The server action '{property.Name}' is not supported by this cloud yet.");
            call = action.Parse(property.Value);
            return call;
        }, ctx.RequestAborted);
        return action!.Respond(ctx, call!);
    }
}
