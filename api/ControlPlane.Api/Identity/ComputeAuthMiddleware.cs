namespace ControlPlane.Api.Identity;

/// <summary>Requires a valid project-scoped <c>X-Auth-Token</c> on compute requests and makes the principal available.</summary>
public sealed class ComputeAuthMiddleware(RequestDelegate next, TokenAuthenticator authenticator)
{
    internal const string Key = "controlplane.principal";

    /// <summary>Runs the middleware.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        context.Items[Key] = await authenticator.AuthenticateAsync(context.Request.Headers["X-Auth-Token"].ToString(), context.RequestAborted);
        await next(context);
    }
}
