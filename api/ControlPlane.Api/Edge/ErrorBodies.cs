using System.Text.Json;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Edge;

/// <summary>Writes error responses in Nova's and Keystone's body shapes.</summary>
public static class ErrorBodies
{
    /// <summary>Message of Nova's 500 body.</summary>
    public const string UnexpectedMessage =
        "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.";

    /// <summary>Keystone's 401 message, used for every missing or bad token.</summary>
    public const string AuthenticationRequired = "The request you have made requires authentication.";

    /// <summary>Nova's <c>{"&lt;fault&gt;": {"code": N, "message": "..."}}</c>.</summary>
    public static Task WriteNovaAsync(HttpContext context, int status, string fault, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            [fault] = new Dictionary<string, object> { ["code"] = status, ["message"] = message },
        }));
    }

    /// <summary>Keystone's <c>{"error": {"code": N, "message": "...", "title": "..."}}</c>.</summary>
    public static Task WriteKeystoneAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Keystone uri=\"" + context.Request.Scheme + "://" + context.Request.Host + "/identity\"";
        }
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            error = new { code = status, message, title = Title(status) },
        }));
    }

    /// <summary>Writes <paramref name="error"/> in the shape its path expects (401 is Keystone-shaped everywhere, as keystonemiddleware does).</summary>
    public static Task WriteAsync(HttpContext context, ControlPlaneException error)
    {
        if (error is TooManyRequestsException throttled)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(throttled.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (error is ServiceUnavailableException unavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(unavailable.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (error is NotAuthenticatedException || context.Request.Path.StartsWithSegments("/identity"))
        {
            return WriteKeystoneAsync(context, error.HttpStatus, error.Message);
        }
        return WriteNovaAsync(context, error.HttpStatus, error.NovaFault, error.Message);
    }

    /// <summary>A <c>Retry-After</c> delay in whole seconds, rounded up, at least 1.</summary>
    public static long RetryAfterSeconds(TimeSpan delay) => Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds));

    private static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
}
