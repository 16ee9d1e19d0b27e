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
        // NOTE(console): websocket reads and writes are never cancelled with a token (a cancelled websocket operation
        // aborts the socket, and the client would see a reset instead of a close frame); only the backend read is.
        using var stopBackend = CancellationTokenSource.CreateLinkedTokenSource(closer);
        long toBackend = 0, toClient = 0;
        var up = Task.Run(async () =>
        {
            var buffer = new byte[bufferBytes];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return "client closed";
                }
                await backend.WriteAsync(buffer.AsMemory(0, result.Count), stopBackend.Token);
                Interlocked.Add(ref toBackend, result.Count);
            }
        }, CancellationToken.None);
        var down = Task.Run(async () =>
        {
            var buffer = new byte[bufferBytes];
            while (true)
            {
                var read = await backend.ReadAsync(buffer, stopBackend.Token);
                if (read == 0)
                {
                    return "console closed";
                }
                await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
                Interlocked.Add(ref toClient, read);
            }
        }, CancellationToken.None);

        var revoked = Task.Delay(Timeout.Infinite, closer).ContinueWith(_ => "revoked", CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        var first = await Task.WhenAny(up, down, revoked);
        // NOTE(console): a revocation also cancels the backend read (linked token), so the console side may end
        // first; the revocation is still the reason.
        var reason = first == revoked || closer.IsCancellationRequested ? "revoked"
            : first.IsCompletedSuccessfully ? first.Result : "connection lost";
        await stopBackend.CancelAsync();
        backend.Dispose();
        await Settle(down, TimeSpan.FromSeconds(5));
        await CloseAsync(socket, reason == "revoked" ? WebSocketCloseStatus.PolicyViolation : WebSocketCloseStatus.NormalClosure, reason);
        if (!await Settle(up, TimeSpan.FromSeconds(5)))
        {
            socket.Abort(); // the client did not answer the close: drop it
            await Settle(up, TimeSpan.FromSeconds(5));
        }
        return new Outcome(Interlocked.Read(ref toBackend), Interlocked.Read(ref toClient), reason);
    }

    /// <summary>Waits up to <paramref name="limit"/> for <paramref name="task"/> to end, whatever its outcome; true if it did.</summary>
    private static async Task<bool> Settle(Task task, TimeSpan limit)
    {
        var ended = await Task.WhenAny(task, Task.Delay(limit)) == task;
        if (ended && task.IsFaulted)
        {
            _ = task.Exception; // observed: the side's failure is the reason the relay ended
        }
        return ended;
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
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // the client is gone already
        }
    }
}
