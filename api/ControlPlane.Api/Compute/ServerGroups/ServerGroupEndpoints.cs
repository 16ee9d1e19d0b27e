using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using ControlPlane.Api.Policy;
using ControlPlane.Domain.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.ServerGroups;

/// <summary><c>/os-server-groups</c>: create (200), list (<c>all_projects</c>, <c>limit</c>, <c>offset</c>), show, delete (204).</summary>
public static class ServerGroupEndpoints
{
    /// <summary>Maps the routes on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapServerGroups(this RouteGroupBuilder group)
    {
        group.MapPost("/os-server-groups", CreateAsync).RequirePolicy(ServerGroupApi.Rule + "create");
        group.MapGet("/os-server-groups", ListAsync).RequirePolicy(ServerGroupApi.Rule + "index");
        group.MapGet("/os-server-groups/{id}", ShowAsync).RequirePolicy(ServerGroupApi.Rule + "show");
        group.MapDelete("/os-server-groups/{id}", DeleteAsync).RequirePolicy(ServerGroupApi.Rule + "delete");
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext ctx, ServerGroupApi api, IOptions<ApiOptions> options)
    {
        using var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted);
        var request = ServerGroupRequest.Parse(body.RootElement, ctx.Microversion());
        var created = await api.CreateAsync(ctx.Principal(), request, ctx.RequestAborted);
        return Results.Json(ServerGroupView.Detail(created, ctx.Microversion()));
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, ServerGroupApi api, IOptions<ApiOptions> options)
    {
        var query = ctx.Request.Query;
        var limit = QueryParams.Limit(query, options.Value.MaxLimit);
        var offset = QueryParams.NonNegative(query, "offset", "offset param must be an integer") ?? 0;
        var allProjects = query.ContainsKey("all_projects");
        var list = await api.ListAsync(ctx.Principal(), allProjects, limit, offset, ctx.RequestAborted);
        return Results.Json(ServerGroupView.List(list, ctx.Microversion()));
    }

    private static async Task<IResult> ShowAsync(HttpContext ctx, string id, ServerGroupApi api) =>
        Results.Json(ServerGroupView.Detail(await api.GetAsync(ctx.Principal(), GroupId(id), ctx.RequestAborted), ctx.Microversion()));

    private static async Task<IResult> DeleteAsync(HttpContext ctx, string id, ServerGroupApi api)
    {
        await api.DeleteAsync(ctx.Principal(), GroupId(id), ctx.RequestAborted);
        return Results.StatusCode(StatusCodes.Status204NoContent);
    }

    private static Guid GroupId(string id) => Guid.TryParse(id, out var g) ? g : throw new NotFoundException($"Instance group {id} could not be found.");
}
