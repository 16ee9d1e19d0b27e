using System.Text.Json.Nodes;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Logging;

namespace ControlPlane.ImageStore.Http;

/// <summary>
/// Translates errors once, at the edge: a <see cref="ControlPlaneException"/> becomes its status
/// with the body <c>{"&lt;fault&gt;": {"code": N, "message": "..."}}</c> (glanceclient and
/// openstacksdk read the nested <c>message</c>); a malformed HTTP request its 4xx; anything else
/// is a bug and a 500 (a dropped database connection is not: <see cref="ControlPlane.Hosting.Resilience.TransientFaultMiddleware"/>,
/// just inside this one, turns it into a 503 with <c>Retry-After</c>). A client that went away gets nothing.
/// </summary>
public sealed class GlanceErrorMiddleware(RequestDelegate next, ILogger<GlanceErrorMiddleware> logger)
{
    /// <summary>Runs the pipeline and translates what it throws.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client is gone: there is nobody to answer.
        }
        catch (ControlPlaneException ex)
        {
            await WriteAsync(context, ex.HttpStatus, ex.NovaFault, ex.Message, (ex as ServiceUnavailableException)?.RetryAfter);
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(context, ex.StatusCode, ex.StatusCode == 413 ? "requestEntityTooLarge" : "badRequest", ex.Message);
        }
        catch (Exception ex)
        {
            ImageStoreLog.UnexpectedError(logger, context.Request.Method, context.Request.Path, ex);
            await WriteAsync(context, 500, "computeFault", "An unexpected error prevented the server from fulfilling your request.");
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string fault, string message, TimeSpan? retryAfter = null)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            context.Abort();
            return;
        }
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfter is { } delay)
        {
            // A 503 for a dependency that dropped out: the client may try again after this many seconds.
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Keystone uri=\"identity\"";
        }
        var body = new JsonObject { [fault] = new JsonObject { ["code"] = status, ["message"] = message } };
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(), CancellationToken.None);
    }
}
