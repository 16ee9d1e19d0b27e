using ControlPlane.Domain.Errors;

namespace ControlPlane.ImageStore.Http;

/// <summary>
/// <c>/v2/images/</c> (an empty image id, as tempest's null-id tests send) is a missing image (404)
/// for every method, not the listing the router would otherwise match nor a 405.
/// </summary>
public sealed class EmptyImageIdMiddleware(RequestDelegate next)
{
    /// <summary>Rejects an empty image id, passes everything else on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.EndsWith("/v2/images/", StringComparison.Ordinal)
            && (path.Length == "/v2/images/".Length || path == "/image/v2/images/"))
        {
            throw new NotFoundException("No image found with ID ''");
        }
        return next(context);
    }
}
