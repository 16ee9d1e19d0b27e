using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Testing;

/// <summary>
/// An in-process TCP proxy on 127.0.0.1 (random port) between a service under test and a real server
/// (PostgreSQL, RabbitMQ, Redis), which a test can break on command without touching the shared server:
/// <see cref="DropAll"/> resets every open connection (what a server restart does to its clients) and
/// <see cref="RefuseFor"/> answers new connections with a reset for a while (the server being down).
/// <code>
/// await using var proxy = TcpFaultProxy.Start("127.0.0.1", 55432);
/// var cs = new NpgsqlConnectionStringBuilder(real) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
/// ...
/// proxy.DropAll(); proxy.RefuseFor(TimeSpan.FromMilliseconds(800));
/// </code>
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<(Socket Client, Socket Server)> _open = [];
    private readonly Task _acceptLoop;
    private DateTimeOffset _refuseUntil = DateTimeOffset.MinValue;
    private int _accepted;
    private int _refused;
    private int _dropped;

    private TcpFaultProxy(string targetHost, int targetPort, TimeProvider clock)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _clock = clock;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(512);
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The port the proxy listens on (127.0.0.1).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted and forwarded so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections refused (reset at once) so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Connections cut by <see cref="DropAll"/> so far.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Connections currently open through the proxy.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Starts a proxy to <paramref name="targetHost"/>:<paramref name="targetPort"/>.</summary>
    public static TcpFaultProxy Start(string targetHost, int targetPort, TimeProvider? clock = null) =>
        new(targetHost, targetPort, clock ?? TimeProvider.System);

    /// <summary>Resets every open connection on both sides (RST, as when the server process dies).</summary>
    public int DropAll()
    {
        List<(Socket Client, Socket Server)> victims;
        lock (_gate)
        {
            victims = [.. _open];
            _open.Clear();
        }
        foreach (var (client, server) in victims)
        {
            Reset(client);
            Reset(server);
        }
        Interlocked.Add(ref _dropped, victims.Count);
        return victims.Count;
    }

    /// <summary>New connections during the next <paramref name="duration"/> are reset at once (a server that is down).</summary>
    public void RefuseFor(TimeSpan duration)
    {
        lock (_gate)
        {
            _refuseUntil = _clock.GetUtcNow() + duration;
        }
    }

    /// <summary>Accepts connections again at once.</summary>
    public void Heal()
    {
        lock (_gate)
        {
            _refuseUntil = DateTimeOffset.MinValue;
        }
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }

    private bool Refusing()
    {
        lock (_gate)
        {
            return _clock.GetUtcNow() < _refuseUntil;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (Refusing())
            {
                Interlocked.Increment(ref _refused);
                Reset(client);
                continue;
            }
            _ = Task.Run(() => ConnectAndPumpAsync(client));
        }
    }

    private async Task ConnectAndPumpAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Reset(client);
            server.Dispose();
            return;
        }
        var pair = (client, server);
        lock (_gate)
        {
            _open.Add(pair);
        }
        Interlocked.Increment(ref _accepted);
        await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        lock (_gate)
        {
            _open.Remove(pair);
        }
        Reset(client);
        Reset(server);
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other side or DropAll closed it.
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            // Linger 0: close with RST, as a dying server's kernel does.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
