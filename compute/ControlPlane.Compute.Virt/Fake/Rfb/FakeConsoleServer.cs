using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ControlPlane.Compute.Virt.Fake.Rfb;

/// <summary>
/// The FakeDriver's console endpoint, shaped like XAPI's: a TCP listener on 127.0.0.1 that takes
/// <c>CONNECT /console?ref=&lt;instance uuid&gt;&amp;session_id=&lt;secret&gt; HTTP/1.1</c>, answers <c>200 OK</c> for a running
/// VM and the right session, then speaks RFB (<see cref="FakeRfbSession"/>). A wrong session is 403, an unknown or
/// stopped VM 404, anything else 400; the connection is closed after a refusal.
/// </summary>
public sealed class FakeConsoleServer(Func<Guid, string?> runningVmName) : IDisposable
{
    private const int MaxHeadBytes = 8192;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private TcpListener? _listener;

    /// <summary>The port listened on (after <see cref="Start"/>).</summary>
    public int Port { get; private set; }

    /// <summary>TCP connections accepted so far, whatever they sent (for tests: "no byte reached the console").</summary>
    public int Connections => _connections;

    /// <summary>Connections that completed the CONNECT exchange (for tests).</summary>
    public int AcceptedConsoles => _accepted;

    private int _accepted;
    private int _connections;

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public void Start(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync(listener, _stopping.Token);
    }

    /// <summary>The CONNECT path of the console of <paramref name="instanceId"/>.</summary>
    public string PathFor(Guid instanceId) => $"/console?ref={instanceId:D}&session_id={_session}";

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        _listener?.Stop();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client, ct);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using var _ = client;
        var stream = client.GetStream();
        try
        {
            var head = await ReadHeadAsync(stream, ct);
            var (status, name) = head is null ? ("400 Bad Request", null) : Authorize(head);
            if (name is null)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), ct);
                return;
            }
            await stream.WriteAsync("HTTP/1.1 200 OK\r\n\r\n"u8.ToArray(), ct);
            Interlocked.Increment(ref _accepted);
            await new FakeRfbSession(stream, name).RunAsync(ct);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client left or spoke something that is not RFB: the session ends.
        }
    }

    private (string Status, string? Name) Authorize(string head)
    {
        var parts = head.Split("\r\n")[0].Split(' ');
        if (parts.Length != 3 || parts[0] != "CONNECT" || !parts[1].StartsWith("/console?", StringComparison.Ordinal))
        {
            return ("400 Bad Request", null);
        }
        var query = QueryHelpers.ParseQuery(parts[1][parts[1].IndexOf('?', StringComparison.Ordinal)..]);
        if (!query.TryGetValue("session_id", out var session) || session.ToString() != _session)
        {
            return ("403 Forbidden", null);
        }
        return query.TryGetValue("ref", out var r) && Guid.TryParse(r.ToString(), out var id) && runningVmName(id) is { } name
            ? ("200 OK", name)
            : ("404 Not Found", null);
    }

    /// <summary>Reads byte by byte up to the blank line (the client sends nothing more before the 200), or null.</summary>
    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new List<byte>(256);
        var one = new byte[1];
        while (head.Count < MaxHeadBytes)
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                return null;
            }
            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                return Encoding.ASCII.GetString([.. head]);
            }
        }
        return null;
    }
}
