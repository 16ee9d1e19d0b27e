using System.Buffers.Binary;
using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace ControlPlane.ConsoleAuth.IntegrationTests.Infrastructure;

/// <summary>A plain websocket client speaking the RFB client side of the handshake (what noVNC does first).</summary>
public sealed class RfbWebSocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly List<byte> _pending = [];

    private RfbWebSocketClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>The websocket.</summary>
    public ClientWebSocket Socket => _socket;

    /// <summary>Connects to <paramref name="url"/>; returns the client, or the HTTP status of the refusal.</summary>
    public static async Task<(RfbWebSocketClient? Client, HttpStatusCode Status)> ConnectAsync(string url, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("binary");
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(new Uri(url), timeout.Token);
            return (new RfbWebSocketClient(socket), socket.HttpStatusCode);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            return (null, status);
        }
    }

    /// <summary>Version, security None, ClientInit; returns the ServerInit's desktop name.</summary>
    public async Task<string> HandshakeAsync()
    {
        var version = Encoding.ASCII.GetString(await ReadAsync(12));
        Assert.Equal("RFB 003.008\n", version);
        await SendAsync("RFB 003.008\n"u8.ToArray());
        var count = (await ReadAsync(1))[0];
        var types = await ReadAsync(count);
        Assert.Contains((byte)1, types);
        await SendAsync([1]);
        Assert.Equal(new byte[4], await ReadAsync(4));
        await SendAsync([1]);
        var init = await ReadAsync(24);
        var nameLength = (int)BinaryPrimitives.ReadUInt32BigEndian(init.AsSpan(20));
        return Encoding.UTF8.GetString(await ReadAsync(nameLength));
    }

    /// <summary>Sends one binary message.</summary>
    public Task SendAsync(byte[] data) => _socket.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>Reads exactly <paramref name="count"/> bytes across websocket messages (30 s at most).</summary>
    public async Task<byte[]> ReadAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        while (_pending.Count < count)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new IOException($"closed by the proxy ({result.CloseStatus} {result.CloseStatusDescription}) after {_pending.Count} of {count} bytes");
            }
            _pending.AddRange(buffer.AsSpan(0, result.Count).ToArray());
        }
        var bytes = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return bytes;
    }

    /// <summary>Waits for the proxy's close frame; returns its status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return result.CloseStatus;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
