using System.Net;
using System.Net.Sockets;
using ControlPlane.Testing;

namespace ControlPlane.Common.UnitTests.Resilience;

/// <summary>The test proxy itself, against a local echo server.</summary>
public sealed class TcpFaultProxyTests : IAsyncLifetime
{
    private readonly TcpListener _echo = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _echoLoop = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _echo.Start();
        _echoLoop = EchoLoopAsync();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _echo.Stop();
        await _echoLoop;
    }

    [Fact]
    public async Task It_forwards_drops_every_connection_and_refuses_for_a_while()
    {
        await using var proxy = TcpFaultProxy.Start("127.0.0.1", ((IPEndPoint)_echo.LocalEndpoint).Port);
        using var first = await ConnectAsync(proxy);
        Assert.Equal("ping", await EchoAsync(first, "ping"));
        await Eventually.UntilAsync(() => proxy.OpenConnections == 1, "the connection is tracked");

        Assert.Equal(1, proxy.DropAll());
        await Assert.ThrowsAnyAsync<Exception>(() => EchoAsync(first, "after drop"));

        proxy.RefuseFor(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var refused = await ConnectAsync(proxy);
            await EchoAsync(refused, "refused");
        });
        Assert.Equal(1, proxy.Refused);

        proxy.Heal();
        using var again = await ConnectAsync(proxy);
        Assert.Equal("pong", await EchoAsync(again, "pong"));
        Assert.Equal(2, proxy.Accepted);
    }

    private static async Task<Socket> ConnectAsync(TcpFaultProxy proxy)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, proxy.Port);
        return socket;
    }

    private static async Task<string> EchoAsync(Socket socket, string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        await socket.SendAsync(bytes, SocketFlags.None);
        var buffer = new byte[bytes.Length];
        var read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                throw new IOException("closed");
            }
            read += n;
        }
        return System.Text.Encoding.ASCII.GetString(buffer);
    }

    private async Task EchoLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _echo.AcceptSocketAsync(_stop.Token);
                _ = Task.Run(async () =>
                {
                    var buffer = new byte[1024];
                    try
                    {
                        int n;
                        while ((n = await client.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                        {
                            await client.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
                        }
                    }
                    catch (SocketException)
                    {
                        // Reset by the proxy.
                    }
                    client.Dispose();
                });
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
