using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Identity;

/// <summary>Access to the authenticated principal of a compute request.</summary>
public static class HttpContextPrincipalExtensions
{
    /// <summary>The principal set by <see cref="ComputeAuthMiddleware"/>; 401 when absent.</summary>
    public static RequestPrincipal Principal(this HttpContext context) =>
        context.Items.TryGetValue(ComputeAuthMiddleware.Key, out var p) && p is RequestPrincipal principal
            ? principal
            : throw new NotAuthenticatedException(Edge.ErrorBodies.AuthenticationRequired);
}
