using ControlPlane.Api.Edge;
using ControlPlane.Api.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Identity;

/// <summary>The Keystone v3 subset under <c>/identity/v3</c>.</summary>
public static class IdentityEndpoints
{
    /// <summary>Maps version discovery and <c>/auth/tokens</c> (POST issue, GET validate, HEAD check, DELETE revoke).</summary>
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/identity");
        group.MapGet("/", (HttpContext ctx) => Results.Json(new { versions = new { values = new[] { VersionBody(ctx) } } }, statusCode: 300));
        group.MapGet("/v3", (HttpContext ctx) => Results.Json(new { version = VersionBody(ctx) }));
        group.MapPost("/v3/auth/tokens", IssueAsync);
        group.MapGet("/v3/auth/tokens", ValidateAsync);
        group.MapMethods("/v3/auth/tokens", ["HEAD"], CheckAsync);
        group.MapDelete("/v3/auth/tokens", RevokeAsync);
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpContext ctx, IdentityService identity, IOptions<ApiOptions> api)
    {
        using var body = await JsonBody.ReadAsync(ctx.Request, api.Value.MaxBodyBytes, ctx.RequestAborted);
        var token = await identity.IssueAsync(body.RootElement, ctx.Connection.RemoteIpAddress, ctx.RequestAborted);
        ctx.Response.Headers["X-Subject-Token"] = token.Token;
        return Results.Json(TokenView.Render(token, api.Value), statusCode: 201);
    }

    private static async Task<IResult> ValidateAsync(HttpContext ctx, IdentityService identity, IOptions<ApiOptions> api)
    {
        var caller = await identity.CallerAsync(ctx.Request.Headers["X-Auth-Token"].ToString(), ctx.RequestAborted);
        var subject = ctx.Request.Headers["X-Subject-Token"].ToString();
        var token = await identity.ValidateSubjectAsync(caller, subject, ctx.RequestAborted);
        ctx.Response.Headers["X-Subject-Token"] = token.Token;
        return Results.Json(TokenView.Render(token, api.Value));
    }

    private static async Task<IResult> CheckAsync(HttpContext ctx, IdentityService identity)
    {
        var caller = await identity.CallerAsync(ctx.Request.Headers["X-Auth-Token"].ToString(), ctx.RequestAborted);
        await identity.ValidateSubjectAsync(caller, ctx.Request.Headers["X-Subject-Token"].ToString(), ctx.RequestAborted);
        return Results.Ok();
    }

    private static async Task<IResult> RevokeAsync(HttpContext ctx, IdentityService identity)
    {
        var caller = await identity.CallerAsync(ctx.Request.Headers["X-Auth-Token"].ToString(), ctx.RequestAborted);
        await identity.RevokeAsync(caller, ctx.Request.Headers["X-Subject-Token"].ToString(), ctx.RequestAborted);
        return Results.NoContent();
    }

    private static object VersionBody(HttpContext ctx) => new Dictionary<string, object>
    {
        ["id"] = "v3.14",
        ["status"] = "stable",
        ["updated"] = "2020-04-07T00:00:00Z",
        ["links"] = new[] { new { rel = "self", href = ctx.Request.Scheme + "://" + ctx.Request.Host + "/identity/v3/" } },
        ["media-types"] = new[] { new { @base = "application/json", type = "application/vnd.openstack.identity-v3+json" } },
    };
}
