using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.Auth;

/// <summary>
/// Endpoint filter of the <c>/v2</c> routes: validates <c>X-Auth-Token</c> before the handler runs
/// (handlers read their bodies themselves, so nothing is read from an unauthenticated request).
/// </summary>
public sealed class TokenAuthFilter(ITokenValidator validator) : IEndpointFilter
{
    private const string CallerKey = "imagestore.caller";

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = http.Request.Headers["X-Auth-Token"].ToString();
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new NotAuthenticatedException("The request you have made requires authentication.");
        }
        http.Items[CallerKey] = await validator.ValidateAsync(token.Trim(), http.RequestAborted);
        return await next(context);
    }

    /// <summary>The caller validated for this request.</summary>
    public static ImageCaller CallerOf(HttpContext context) =>
        context.Items[CallerKey] as ImageCaller
        ?? throw new InvalidOperationException("TokenAuthFilter did not run for this endpoint.");
}
