using System.Net.WebSockets;

namespace ControlPlane.ConsoleProxy.Proxy;

/// <summary>
/// Relays bytes both ways between a websocket (binary messages) and a TCP stream, one bounded buffer per direction: a
/// direction reads again only after its last write completed, so a slow reader holds the writer back (back-pressure)
/// instead of queueing. Ends when either side closes or <c>closer</c> fires; then both sides are closed.
/// </summary>
public static class WebSocketSplice
{
    /// <summary>Bytes moved, and why it ended.</summary>
    /// <param name="ToBackend">Bytes from the websocket to the stream.</param>
    /// <param name="ToClient">Bytes from the stream to the websocket.</param>
    /// <param name="Reason">client closed, console closed, revoked.</param>
    public sealed record Outcome(long ToBackend, long ToClient, string Reason);

    /// <summary>Runs the relay until one side ends; <paramref name="closer"/> cancelled = revoked.</summary>
    public static async Task<Outcome> RunAsync(WebSocket socket, Stream backend, int bufferBytes, CancellationToken closer)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(closer);
        long toBackend = 0, toClient = 0;
        var up = Task.Run(async () =>
        {
            var buffer = new byte[bufferBytes];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), done.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return "client closed";
                }
                await backend.WriteAsync(buffer.AsMemory(0, result.Count), done.Token);
                toBackend += result.Count;
            }
        }, CancellationToken.None);
        var down = Task.Run(async () =>
        {
            var buffer = new byte[bufferBytes];
            while (true)
            {
                var read = await backend.ReadAsync(buffer, done.Token);
                if (read == 0)
                {
                    return "console closed";
                }
                await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, done.Token);
                toClient += read;
            }
        }, CancellationToken.None);

        var first = await Task.WhenAny(up, down);
        var reason = closer.IsCancellationRequested ? "revoked" : first.IsCompletedSuccessfully ? first.Result : "connection lost";
        await done.CancelAsync();
        await Task.WhenAll(up, down).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        await CloseAsync(socket, reason == "revoked" ? WebSocketCloseStatus.PolicyViolation : WebSocketCloseStatus.NormalClosure, reason);
        backend.Dispose();
        return new Outcome(Interlocked.Read(ref toBackend), Interlocked.Read(ref toClient), reason);
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // the client is gone already
        }
    }
}
