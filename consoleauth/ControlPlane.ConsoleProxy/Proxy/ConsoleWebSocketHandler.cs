using System.Net.WebSockets;
using ControlPlane.ConsoleProxy.Diagnostics;
using ControlPlane.ConsoleProxy.Options;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.ConsoleAuth;
using ControlPlane.Protos.ConsoleAuth.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.ConsoleProxy.Proxy;

/// <summary>
/// The websocket endpoint noVNC connects to (<c>/?token=…</c> or <c>/websockify?token=…</c>; the <c>token</c> cookie as
/// fallback). Everything is checked before the upgrade and before any byte reaches the console: the token is present,
/// the <c>Origin</c> is allowed, consoleauth's <c>Check</c> accepts the token, the console answers its CONNECT. A refusal
/// is an HTTP status with no body and <c>Connection: close</c>. Then the RFB bytes are spliced until either side closes
/// or the instance's tokens are revoked.
/// </summary>
public sealed class ConsoleWebSocketHandler(
    ConsoleAuthRpcClient consoleAuth,
    OpenConsoles open,
    IOptions<ConsoleProxyOptions> options,
    ILogger<ConsoleWebSocketHandler> logger)
{
    private readonly OriginPolicy _origins = new(options.Value.AllowedOrigins);

    /// <summary>Handles one request to a websocket path.</summary>
    public async Task HandleAsync(HttpContext ctx)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            Refuse(ctx, StatusCodes.Status400BadRequest, "not a websocket upgrade");
            return;
        }
        var token = ctx.Request.Query["token"].ToString() is { Length: > 0 } q ? q : ctx.Request.Cookies["token"];
        if (string.IsNullOrEmpty(token))
        {
            Refuse(ctx, StatusCodes.Status400BadRequest, "no token");
            return;
        }
        if (_origins.Refusal(ctx.Request.Headers.Origin, ctx.Request.Headers.Host) is { } originRefusal)
        {
            Refuse(ctx, StatusCodes.Status403Forbidden, originRefusal);
            return;
        }
        ConsoleToken record;
        try
        {
            record = await consoleAuth.CheckAsync(token, ctx.RequestAborted);
        }
        catch (NotFoundException)
        {
            Refuse(ctx, StatusCodes.Status403Forbidden, "invalid token");
            return;
        }
        catch (ServiceUnavailableException e)
        {
            Refuse(ctx, StatusCodes.Status503ServiceUnavailable, e.Message);
            return;
        }
        await SpliceAsync(ctx, record);
    }

    private async Task SpliceAsync(HttpContext ctx, ConsoleToken record)
    {
        var endpoint = record.Endpoint;
        System.Net.Sockets.TcpClient backend;
        try
        {
            backend = await ConsoleBackend.OpenAsync(endpoint, options.Value.ConnectTimeout, ctx.RequestAborted);
        }
        catch (ConsoleBackendException e)
        {
            ProxyLog.BackendFailed(logger, record.InstanceId, endpoint.Host, endpoint.Port, e.Message);
            Refuse(ctx, StatusCodes.Status502BadGateway, "console unreachable");
            return;
        }
        using var _ = backend;
        using var closer = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        using var registration = open.Register(Guid.Parse(record.InstanceId), closer);
        var subProtocol = ctx.WebSockets.WebSocketRequestedProtocols.Contains("binary") ? "binary" : null;
        using var socket = await ctx.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = subProtocol });
        ProxyLog.Opened(logger, record.InstanceId, endpoint.Host, endpoint.Port);
        var outcome = await WebSocketSplice.RunAsync(socket, backend.GetStream(), options.Value.BufferBytes, closer.Token);
        ProxyLog.Closed(logger, record.InstanceId, outcome.Reason, outcome.ToBackend, outcome.ToClient);
    }

    private void Refuse(HttpContext ctx, int status, string reason)
    {
        ProxyLog.Refused(logger, status, reason);
        ctx.Response.StatusCode = status;
        ctx.Response.Headers.Connection = "close";
        ctx.Response.ContentLength = 0;
    }
}
