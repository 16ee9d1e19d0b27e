using System.Text.Json.Nodes;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using Microsoft.Extensions.Options;
using ControlPlane.Api.Policy;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Nova's server CRUD routes: parse, call <see cref="ServerCreator"/>, <see cref="ServerReader"/>, <see cref="ServerUpdater"/> or <see cref="ServerDeleter"/>, render.</summary>
public static class ServerEndpoints
{
    /// <summary>Maps the server routes on the (authenticated, microversioned) compute group.</summary>
    public static RouteGroupBuilder MapServers(this RouteGroupBuilder group)
    {
        group.MapPost("/servers", CreateAsync).RequirePolicy("os_compute_api:servers:create");
        group.MapGet("/servers", (HttpContext ctx, ServerReader api, IComputePolicy policy, IOptions<ApiOptions> o) => ListAsync(ctx, api, policy, o.Value, detail: false))
            .RequirePolicy("os_compute_api:servers:index");
        group.MapGet("/servers/detail", (HttpContext ctx, ServerReader api, IComputePolicy policy, IOptions<ApiOptions> o) => ListAsync(ctx, api, policy, o.Value, detail: true))
            .RequirePolicy("os_compute_api:servers:detail");
        group.MapGet("/servers/{id}", ShowAsync).RequirePolicy("os_compute_api:servers:show");
        group.MapPut("/servers/{id}", UpdateAsync).RequirePolicy("os_compute_api:servers:update");
        group.MapDelete("/servers/{id}", DeleteAsync).RequirePolicy("os_compute_api:servers:delete");
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext ctx, ServerCreator api, IOptions<ApiOptions> options)
    {
        var version = ctx.Microversion();
        CreateServerRequest request;
        using (var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted))
        {
            request = CreateServerParser.Parse(body.RootElement, version);
        }
        var created = await api.CreateAsync(ctx.Principal(), request, ctx.RequestAborted);
        if (request.ReturnReservationId)
        {
            return Results.Json(new JsonObject { ["reservation_id"] = created.ReservationId }, statusCode: 202);
        }
        var links = ComputeLinks.For(ctx);
        var id = created.Id.ToString("D");
        ctx.Response.Headers.Location = links.Versioned + "/servers/" + id;
        return Results.Json(new JsonObject
        {
            ["server"] = new JsonObject
            {
                ["id"] = id,
                ["links"] = links.SelfAndBookmark("servers", id),
                ["OS-DCF:diskConfig"] = created.AutoDiskConfig ? "AUTO" : "MANUAL",
                ["security_groups"] = new JsonArray(new JsonObject { ["name"] = "default" }),
                ["adminPass"] = created.AdminPass,
            },
        }, statusCode: 202);
    }

    private static async Task<IResult> ListAsync(HttpContext ctx, ServerReader api, IComputePolicy policy, ApiOptions options, bool detail)
    {
        var principal = ctx.Principal();
        var version = ctx.Microversion();
        var request = ServerListParser.Parse(ctx.Request.Query, version, principal.IsAdmin, options.MaxLimit);
        if (request.AllTenants)
        {
            policy.Authorize($"os_compute_api:servers:{(detail ? "detail" : "index")}:get_all_tenants", principal, null);
        }
        var servers = await api.ListAsync(principal, request, detail, ctx.RequestAborted);
        var links = ComputeLinks.For(ctx);
        var items = servers.Select(s => (JsonNode?)(detail
            ? ServerView.Render(s, ServerViewKind.Detail, version, principal.IsAdmin, links)
            : ServerView.Summary(s, links))).ToArray();
        var body = new JsonObject { ["servers"] = new JsonArray(items) };
        if (servers.Count > 0 && servers.Count == request.Query.Limit)
        {
            var next = ctx.Request.Query.Where(p => p.Key != "marker")
                .Select(p => KeyValuePair.Create(p.Key, p.Value.ToString()))
                .Append(KeyValuePair.Create("marker", servers[^1].Id.ToString("D")));
            body["servers_links"] = links.Next(detail ? "servers/detail" : "servers", next);
        }
        return Results.Json(body);
    }

    private static async Task<IResult> ShowAsync(HttpContext ctx, string id, ServerReader api)
    {
        var principal = ctx.Principal();
        var server = await api.GetAsync(principal, id, ctx.RequestAborted);
        return Results.Json(new JsonObject
        {
            ["server"] = ServerView.Render(server, ServerViewKind.Show, ctx.Microversion(), principal.IsAdmin, ComputeLinks.For(ctx)),
        });
    }

    private static async Task<IResult> UpdateAsync(HttpContext ctx, string id, ServerUpdater api, IOptions<ApiOptions> options)
    {
        var principal = ctx.Principal();
        var version = ctx.Microversion();
        Data.Instances.InstanceUserUpdate update;
        using (var body = await JsonBody.ReadAsync(ctx.Request, options.Value.MaxBodyBytes, ctx.RequestAborted))
        {
            update = UpdateServerParser.Parse(body.RootElement, version);
        }
        var server = await api.UpdateAsync(principal, id, update, ctx.RequestAborted);
        return Results.Json(new JsonObject
        {
            ["server"] = ServerView.Render(server, ServerViewKind.Update, version, principal.IsAdmin, ComputeLinks.For(ctx)),
        });
    }

    private static async Task<IResult> DeleteAsync(HttpContext ctx, string id, ServerDeleter api)
    {
        await api.DeleteAsync(ctx.Principal(), id, ctx.RequestAborted);
        return Results.NoContent();
    }
}
