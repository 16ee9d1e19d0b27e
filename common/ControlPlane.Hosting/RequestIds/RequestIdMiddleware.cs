using ControlPlane.Domain.Context;
using ControlPlane.Hosting.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Hosting.RequestIds;

/// <summary>
/// Gives every HTTP request a Nova-style request id: the incoming <c>X-OpenStack-Request-ID</c> when
/// it is a well-formed <c>req-&lt;uuid&gt;</c>, otherwise a new one. The id is echoed as
/// <c>X-OpenStack-Request-ID</c> and <c>X-Compute-Request-Id</c>, made current in
/// <see cref="RequestContext"/> and put in a <c>RequestId</c> logging scope for the whole request.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    /// <summary>Request and response header carrying the id (OpenStack convention).</summary>
    public const string OpenStackHeader = "X-OpenStack-Request-ID";

    /// <summary>Nova's legacy response header carrying the same id.</summary>
    public const string ComputeHeader = "X-Compute-Request-Id";

    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[OpenStackHeader].ToString();
        string requestId;
        if (IsValid(context.TraceIdentifier) && (incoming.Length == 0 || incoming == context.TraceIdentifier || !IsValid(incoming)))
        {
            // Already assigned by RequestIdHttpContextFactory (from the header, or new when it was absent or malformed).
            requestId = context.TraceIdentifier;
            if (incoming.Length > 0 && incoming != requestId)
            {
                HostingLog.RequestIdRejected(logger, incoming.Length, requestId);
            }
        }
        else
        {
            requestId = Resolve(incoming, out var rejectedLength);
            if (rejectedLength > 0)
            {
                HostingLog.RequestIdRejected(logger, rejectedLength, requestId);
            }
        }

        context.TraceIdentifier = requestId;
        context.Response.Headers[OpenStackHeader] = requestId;
        context.Response.Headers[ComputeHeader] = requestId;

        using var scope = logger.BeginScope(new RequestIdScope(requestId));
        using var current = RequestContext.Begin(requestId);
        await next(context);
    }

    /// <summary>
    /// Returns <paramref name="incoming"/> when it is a valid request id, else a new one;
    /// <paramref name="rejectedLength"/> is the length of a non-empty value that was refused.
    /// </summary>
    public static string Resolve(string? incoming, out int rejectedLength)
    {
        rejectedLength = 0;
        if (string.IsNullOrEmpty(incoming))
        {
            return RequestContext.NewId();
        }
        if (IsValid(incoming))
        {
            return incoming;
        }
        rejectedLength = incoming.Length;
        return RequestContext.NewId();
    }

    /// <summary>True for <c>req-</c> followed by a hyphenated uuid (what Nova and oslo accept).</summary>
    public static bool IsValid(string value) =>
        value.Length == 40 && value.StartsWith("req-", StringComparison.Ordinal) && Guid.TryParseExact(value.AsSpan(4), "D", out _);
}
