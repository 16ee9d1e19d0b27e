using ControlPlane.Compute.Virt.Fake.Rfb;
using ControlPlane.ConsoleAuth.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace ControlPlane.ConsoleAuth.IntegrationTests;

/// <summary>
/// Debian's noVNC in headless Chromium through the proxy to the FakeDriver's RFB endpoint (consoleauth, Redis and
/// RabbitMQ real): noVNC reports it is connected to the VM and its canvas shows the VM's framebuffer.
/// </summary>
public sealed class NoVncBrowserProxyTests : IAsyncLifetime
{
    private readonly string _prefix = "cbt-" + Guid.NewGuid().ToString("N")[..10] + ":";
    private readonly string _channel = "cbt-revocations-" + Guid.NewGuid().ToString("N")[..10];
    private FakeComputeHost _compute = null!;
    private ConsoleAuthHost _consoleAuth = null!;
    private ProxyHost _proxy = null!;

    public async Task InitializeAsync()
    {
        _compute = await FakeComputeHost.StartAsync();
        _consoleAuth = await ConsoleAuthHost.StartAsync(_prefix, _channel);
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

    [Fact]
    public async Task NoVnc_connects_through_the_proxy_and_draws_the_vms_framebuffer()
    {
        var id = Guid.NewGuid();
        _compute.Run(id, "instance-0000beef");
        using var client = ConsoleAuthHost.Client(_consoleAuth);
        var request = _compute.AuthorizeRequest(id);
        request.AccessUrlBase = $"http://127.0.0.1:{_proxy.Port}/vnc_lite.html";
        var url = (await client.AuthorizeAsync(request)).AccessUrl;

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(url);

        var status = await Eventually.UntilAsync(
            async () => (await browser.EvaluateAsync("document.getElementById('status') ? document.getElementById('status').textContent : ''"))?.GetValue<string>() ?? "",
            s => s.StartsWith("Connected", StringComparison.Ordinal) || s.StartsWith("Disconnected", StringComparison.Ordinal) || s.StartsWith("Something", StringComparison.Ordinal),
            "noVNC connected", TimeSpan.FromSeconds(60));
        Assert.Equal("Connected to instance-0000beef", status);
        var (r, g, b) = FakeRfbSession.ColorOf("instance-0000beef");
        var pixel = await Eventually.UntilAsync(
            async () => (await browser.EvaluateAsync(HeadlessChromium.CanvasCenterPixel))?.GetValue<string>() ?? "",
            p => p == $"{r},{g},{b}", "the canvas shows the VM's framebuffer", TimeSpan.FromSeconds(30));
        Assert.Equal($"{r},{g},{b}", pixel);
    }
}
