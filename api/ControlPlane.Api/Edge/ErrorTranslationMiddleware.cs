using ControlPlane.Api.Diagnostics;
using ControlPlane.Domain.Errors;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Api.Edge;

/// <summary>
/// The one place REST errors are translated: a <see cref="ControlPlaneException"/> becomes its status
/// with Nova's (or, under /identity and for 401, Keystone's) body; anything else is logged and
/// becomes Nova's 500 <c>computeFault</c>.
/// </summary>
public sealed class ErrorTranslationMiddleware(RequestDelegate next, ILogger<ErrorTranslationMiddleware> logger)
{
    /// <summary>Runs the middleware.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            await WriteRoutingErrorAsync(context);
        }
        catch (ControlPlaneException e) when (!context.Response.HasStarted)
        {
            ApiLog.ExpectedError(logger, context.Request.Method, context.Request.Path, e.HttpStatus, e.Message);
            await ErrorBodies.WriteAsync(context, e);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var status = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400;
            ApiLog.ExpectedError(logger, context.Request.Method, context.Request.Path, status, e.Message);
            await ErrorBodies.WriteAsync(context, status == 413
                ? new PayloadTooLargeException("Request is too large.")
                : new InvalidException(e.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // NOTE(api): the client went away; there is nobody to answer.
            context.Abort();
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            ApiLog.UnexpectedError(logger, e, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            if (context.Request.Path.StartsWithSegments("/identity"))
            {
                await ErrorBodies.WriteKeystoneAsync(context, 500, "An unexpected error prevented the server from fulfilling your request.");
            }
            else
            {
                await ErrorBodies.WriteNovaAsync(context, 500, "computeFault", ErrorBodies.UnexpectedMessage + "\n<class '" + e.GetType().Name + "'>");
            }
        }
    }

    /// <summary>
    /// Routing's own answers carry no body: an unknown route (404) and a known route with another method (405) get the
    /// service's error body (Nova's <c>itemNotFound</c> / <c>badMethod</c>, Keystone's <c>error</c>), as the clients expect.
    /// </summary>
    private static Task WriteRoutingErrorAsync(HttpContext context)
    {
        var response = context.Response;
        if (response.HasStarted || response.StatusCode is not (StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
            || response.ContentLength is not null || response.ContentType is not null)
        {
            return Task.CompletedTask;
        }
        var status = response.StatusCode;
        var message = status == StatusCodes.Status404NotFound
            ? "The resource could not be found."
            : $"The method {context.Request.Method} is not allowed for this resource.";
        if (context.Request.Path.StartsWithSegments("/identity"))
        {
            return ErrorBodies.WriteKeystoneAsync(context, status, message);
        }
        return ErrorBodies.WriteNovaAsync(context, status, status == StatusCodes.Status404NotFound ? "itemNotFound" : "badMethod", message);
    }
}
