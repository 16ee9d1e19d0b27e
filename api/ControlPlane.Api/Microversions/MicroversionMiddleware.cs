namespace ControlPlane.Api.Microversions;

/// <summary>
/// For requests under <c>/compute/v2.1</c> (except the version document itself): negotiates the
/// microversion, stores it for handlers (<see cref="HttpContextMicroversionExtensions.Microversion"/>)
/// and echoes it in <c>OpenStack-API-Version</c>, <c>X-OpenStack-Nova-API-Version</c> and <c>Vary</c>.
/// </summary>
public sealed class MicroversionMiddleware(RequestDelegate next)
{
    /// <summary>Runs the middleware.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var version = MicroversionNegotiator.Negotiate(
            context.Request.Headers[MicroversionNegotiator.Header].ToString(),
            context.Request.Headers[MicroversionNegotiator.LegacyHeader].ToString());
        context.Items[HttpContextMicroversionExtensions.Key] = version;
        var headers = context.Response.Headers;
        headers[MicroversionNegotiator.Header] = "compute " + version;
        headers[MicroversionNegotiator.LegacyHeader] = version.ToString();
        headers.Vary = MicroversionNegotiator.Header + ", " + MicroversionNegotiator.LegacyHeader;
        return next(context);
    }
}
