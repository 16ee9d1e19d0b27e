using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ControlPlane.Hosting.RequestIds;

/// <summary>
/// Sets <see cref="HttpContext.TraceIdentifier"/> to the request id as soon as the context exists, before
/// ASP.NET Core opens its own request log scope, so that scope's <c>RequestId</c> (on "Request starting" /
/// "Request finished" lines too) is our <c>req-&lt;uuid&gt;</c> rather than Kestrel's connection-based id.
/// </summary>
internal sealed class RequestIdHttpContextFactory(DefaultHttpContextFactory inner) : IHttpContextFactory
{
    public HttpContext Create(IFeatureCollection featureCollection)
    {
        var context = inner.Create(featureCollection);
        context.TraceIdentifier = RequestIdMiddleware.Resolve(context.Request.Headers[RequestIdMiddleware.OpenStackHeader].ToString(), out _);
        return context;
    }

    public void Dispose(HttpContext httpContext) => inner.Dispose(httpContext);
}
