using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using XapiSim.Hosting;
using XapiSim.State;

namespace XapiSim.Console;

/// <summary>
/// Kestrel connection middleware in front of HTTP: a connection that opens with <c>CONNECT /console?ref=…&amp;session_id=…</c>
/// (ref = VM or console ref; <c>uuid=</c> also accepted; session also from the <c>session_id</c> cookie) is answered
/// <c>HTTP/1.1 200 OK</c> and then speaks RFB (<see cref="RfbSession"/>); every other connection goes to HTTP untouched.
/// </summary>
internal sealed class ConsoleGate(SimDatabase db, ILogger<ConsoleGate> logger)
{
    private const int MaxHeaderBytes = 8192;
    private static readonly byte[] ConnectPrefix = "CONNECT "u8.ToArray();

    public async Task HandleAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (!await StartsWithConnectAsync(connection.Transport.Input, connection.ConnectionClosed))
        {
            await next(connection);
            return;
        }

        var output = connection.Transport.Output;
        var head = await ReadHeadAsync(connection.Transport.Input, connection.ConnectionClosed);
        var (status, vmRef, reason) = head is null ? ("400 Bad Request", null, "malformed CONNECT request") : Authorize(head);
        if (vmRef is null)
        {
            SimLog.ConsoleRejected(logger, reason!);
            await output.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            await output.CompleteAsync();
            return;
        }

        await output.WriteAsync("HTTP/1.1 200 OK\r\n\r\n"u8.ToArray());
        var session = new RfbSession(new DuplexPipeStream(connection.Transport), () => View(vmRef), db.Clock);
        var uuid = db.Vms.Find(vmRef)?.Uuid ?? vmRef;
        try
        {
            await session.RunAsync(View(vmRef)!, connection.ConnectionClosed);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or OperationCanceledException or ConnectionResetException)
        {
            // The client left, the VM stopped, or the client spoke something that is not RFB: the session ends.
            SimLog.ConsoleEnded(logger, uuid, e.Message);
        }

        SimLog.ConsoleClosed(logger, uuid, session.FramesSent);
    }

    private static async Task<bool> StartsWithConnectAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            if (buffer.Length >= ConnectPrefix.Length || result.IsCompleted)
            {
                var isConnect = buffer.Length >= ConnectPrefix.Length && buffer.Slice(0, ConnectPrefix.Length).ToArray().AsSpan().SequenceEqual(ConnectPrefix);
                input.AdvanceTo(buffer.Start);
                return isConnect;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Reads the request head up to the blank line; null when too long or the connection ends first.</summary>
    private static async Task<string?> ReadHeadAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            var text = Encoding.ASCII.GetString(buffer.Slice(0, Math.Min(buffer.Length, MaxHeaderBytes + 4)).ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                input.AdvanceTo(buffer.GetPosition(end + 4));
                return text[..end];
            }

            if (buffer.Length > MaxHeaderBytes || result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                return null;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private (string Status, string? VmRef, string? Reason) Authorize(string head)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[1].StartsWith("/console", StringComparison.Ordinal))
        {
            return ("404 Not Found", null, $"unknown CONNECT target '{lines[0]}'");
        }

        var q = parts[1].IndexOf('?');
        var query = QueryHelpers.ParseQuery(q < 0 ? "" : parts[1][q..]);
        var sessionRef = query.TryGetValue("session_id", out var s) ? s.ToString() : CookieSession(lines);
        db.Lock.Wait();
        try
        {
            if (sessionRef is null || db.Sessions.Find(sessionRef) is null)
            {
                return ("403 Forbidden", null, "missing or invalid session_id");
            }

            var key = query.TryGetValue("ref", out var r) ? r.ToString() : query.TryGetValue("uuid", out var u) ? u.ToString() : "";
            var console = db.Consoles.Find(key) ?? db.Consoles.FindByUuid(key);
            var vm = db.Vms.Find(key) ?? db.Vms.FindByUuid(key) ?? (console is null ? null : db.Vms.Find(console.Vm));
            if (vm is null)
            {
                return ("404 Not Found", null, $"no VM or console '{key}'");
            }

            return vm.IsRunningLike && !vm.IsControlDomain
                ? ("200 OK", vm.Ref, null)
                : ("503 Service Unavailable", null, $"VM {vm.Uuid} is {vm.PowerState}");
        }
        finally
        {
            db.Lock.Release();
        }
    }

    private static string? CookieSession(string[] lines) =>
        lines.Skip(1)
            .Where(l => l.StartsWith("Cookie:", StringComparison.OrdinalIgnoreCase))
            .SelectMany(l => l[7..].Split(';'))
            .Select(c => c.Trim().Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0] == "session_id")
            .Select(kv => kv[1])
            .FirstOrDefault();

    private ConsoleView? View(string vmRef)
    {
        db.Lock.Wait();
        try
        {
            return db.Vms.Find(vmRef) is { IsRunningLike: true } vm ? new ConsoleView(vm.NameLabel, vm.PowerState, vm.Domid) : null;
        }
        finally
        {
            db.Lock.Release();
        }
    }
}
