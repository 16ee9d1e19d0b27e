using System.Net;
using System.Net.WebSockets;
using ControlPlane.ConsoleAuth.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace ControlPlane.ConsoleAuth.IntegrationTests;

/// <summary>
/// The proxy with a plain websocket client, consoleauth, the real Redis/RabbitMQ and the FakeDriver's RFB endpoint:
/// the handshake goes through; every bad request is refused before any byte reaches the console.
/// </summary>
public sealed class ConsoleProxyTests : IAsyncLifetime
{
    private readonly string _prefix = "cpt-" + Guid.NewGuid().ToString("N")[..10] + ":";
    private readonly string _channel = "cpt-revocations-" + Guid.NewGuid().ToString("N")[..10];
    private FakeComputeHost _compute = null!;
    private ConsoleAuthHost _consoleAuth = null!;
    private ProxyHost _proxy = null!;

    public async Task InitializeAsync()
    {
        _compute = await FakeComputeHost.StartAsync();
        _consoleAuth = await ConsoleAuthHost.StartAsync(_prefix, _channel, ttl: TimeSpan.FromMinutes(5));
        _proxy = await ProxyHost.StartAsync(_channel, _consoleAuth);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _consoleAuth.DisposeAsync();
        await _compute.DisposeAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: _prefix + "*"))
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    [Theory]
    [InlineData("/?token={0}")]
    [InlineData("/websockify?token={0}")]
    public async Task The_rfb_handshake_completes_through_the_proxy(string path)
    {
        var (id, token) = await NewConsoleAsync("instance-0000cafe");
        var (client, status) = await RfbWebSocketClient.ConnectAsync(Url(path, token), origin: $"http://127.0.0.1:{_proxy.Port}");
        Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
        await using var _ = client!;
        Assert.Equal("binary", client!.Socket.SubProtocol);

        Assert.Equal("instance-0000cafe", await client.HandshakeAsync());
        Assert.Equal(1, _proxy.Open.Count(id));
    }

    [Fact]
    public async Task Refused_before_any_byte_reaches_the_console()
    {
        var (id, token) = await NewConsoleAsync("instance-refused");
        var (expiredId, expired) = await NewConsoleAsync("instance-expiring", ttl: TimeSpan.FromSeconds(1));
        var (revokedId, revoked) = await NewConsoleAsync("instance-revoked");
        var (goneId, gone) = await NewConsoleAsync("instance-gone");
        using var client = ConsoleAuthHost.Client(_consoleAuth);
        await client.RevokeForInstanceAsync(revokedId, "delete");
        _compute.Stop(goneId);
        await Eventually.UntilAsync(async () => (await StatusOfAsync(Url("/?token={0}", expired))) == HttpStatusCode.Forbidden,
            "the 1 s token expired", TimeSpan.FromSeconds(10));
        var before = _compute.Consoles.Connections;

        Assert.Equal(HttpStatusCode.BadRequest, await StatusOfAsync($"ws://127.0.0.1:{_proxy.Port}/"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOfAsync(Url("/?token={0}", "not-a-token")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOfAsync(Url("/?token={0}", expired)));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOfAsync(Url("/?token={0}", revoked)));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOfAsync(Url("/?token={0}", gone)));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOfAsync(Url("/?token={0}", token), origin: "http://evil.example"));

        Assert.Equal(before, _compute.Consoles.Connections);
        Assert.Equal(0, _proxy.Open.Count(id) + _proxy.Open.Count(expiredId) + _proxy.Open.Count(revokedId) + _proxy.Open.Count(goneId));
        // An allowed origin (ConsoleProxy:AllowedOrigins) and the token that was refused for its origin both work.
        var (allowed, status) = await RfbWebSocketClient.ConnectAsync(Url("/?token={0}", token), origin: "https://allowed.example");
        Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
        await using var _ = allowed!;
        Assert.Equal("instance-refused", await allowed!.HandshakeAsync());
    }

    [Fact]
    public async Task Revoking_the_instance_closes_its_open_console()
    {
        var (id, token) = await NewConsoleAsync("instance-open");
        var (client, _) = await RfbWebSocketClient.ConnectAsync(Url("/?token={0}", token));
        await using var __ = client!;
        await client!.HandshakeAsync();
        using var auth = ConsoleAuthHost.Client(_consoleAuth);

        await auth.RevokeForInstanceAsync(id, "stop");

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await client.ReceiveCloseAsync());
        await Eventually.UntilAsync(() => _proxy.Open.Count(id) == 0, "the proxy forgot the closed console");
    }

    [Fact]
    public async Task The_proxy_serves_novnc()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_proxy.Port}") };
        foreach (var page in new[] { "/vnc_lite.html", "/vnc_auto.html?path=%3Ftoken%3Dabc" })
        {
            var html = await http.GetStringAsync(page);
            Assert.Contains("noVNC", html, StringComparison.Ordinal);
            Assert.Contains("<script", html, StringComparison.Ordinal);
        }
    }

    private async Task<(Guid Id, string Token)> NewConsoleAsync(string name, TimeSpan? ttl = null)
    {
        var id = Guid.NewGuid();
        _compute.Run(id, name);
        if (ttl is null)
        {
            using var client = ConsoleAuthHost.Client(_consoleAuth);
            return (id, (await client.AuthorizeAsync(_compute.AuthorizeRequest(id))).Token);
        }
        await using var shortLived = await ConsoleAuthHost.StartAsync(_prefix, _channel, ttl);
        using var shortClient = ConsoleAuthHost.Client(shortLived);
        return (id, (await shortClient.AuthorizeAsync(_compute.AuthorizeRequest(id))).Token);
    }

    private string Url(string path, string token) => $"ws://127.0.0.1:{_proxy.Port}" + string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Uri.EscapeDataString(token));

    private static async Task<HttpStatusCode> StatusOfAsync(string url, string? origin = null)
    {
        var (client, status) = await RfbWebSocketClient.ConnectAsync(url, origin);
        if (client is not null)
        {
            await client.DisposeAsync();
        }
        return status;
    }
}
