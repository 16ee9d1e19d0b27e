using System.Text.Json.Nodes;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Policy;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Nova's <c>os-instance-actions</c> (list, show).</summary>
public static class InstanceActionEndpoints
{
    /// <summary>Maps the routes on the compute group.</summary>
    public static RouteGroupBuilder MapInstanceActions(this RouteGroupBuilder group)
    {
        group.MapGet("/servers/{id}/os-instance-actions", ListAsync).RequirePolicy("os_compute_api:os-instance-actions:list");
        group.MapGet("/servers/{id}/os-instance-actions/{requestId}", ShowAsync).RequirePolicy("os_compute_api:os-instance-actions:show");
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, string id, ServerReader api)
    {
        var principal = ctx.Principal();
        var version = ctx.Microversion();
        var actions = await api.ListActionsAsync(principal, id, version.AtLeast(21), ctx.RequestAborted);
        return Results.Json(new JsonObject
        {
            ["instanceActions"] = new JsonArray(actions.Select(a => (JsonNode?)InstanceActionView.Render(a, version, principal.IsAdmin, false, a.ProjectId)).ToArray()),
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext ctx, string id, string requestId, ServerReader api)
    {
        var principal = ctx.Principal();
        var version = ctx.Microversion();
        var action = await api.GetActionAsync(principal, id, requestId, version.AtLeast(21), ctx.RequestAborted);
        return Results.Json(new JsonObject { ["instanceAction"] = InstanceActionView.Render(action, version, principal.IsAdmin, true, action.ProjectId) });
    }
}
