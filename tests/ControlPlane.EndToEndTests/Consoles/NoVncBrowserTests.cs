using System.Text.RegularExpressions;
using ControlPlane.Compute.Virt.Fake.Rfb;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Consoles;

/// <summary>
/// <c>openstack console url show</c>, then the URL in headless Chromium: noVNC connects through the proxy and its canvas
/// shows the console the FakeDriver draws for the VM (one colour derived from the VM's name). The fake phase of CI.
/// </summary>
[Trait("Category", "E2E")]
public sealed partial class NoVncBrowserTests
{
    private const string BaseImage = "11111111-1111-1111-1111-111111111111";
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task The_console_url_opens_in_chromium_and_shows_the_vms_screen()
    {
        var cli = new OpenStackCli(stack, "controlplane-demo");
        var name = "console-" + Guid.NewGuid().ToString("N")[..8];
        var server = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", BaseImage, "--wait", name);
        var serverId = server.GetProperty("id").GetString()!;
        try
        {
            var console = await cli.JsonAsync("console", "url", "show", "--novnc", serverId);
            Assert.Equal("novnc", console.GetProperty("type").GetString());
            var url = console.GetProperty("url").GetString()!;
            Assert.Contains("?path=%3Ftoken%3D", url, StringComparison.Ordinal);

            await using var browser = await HeadlessChromium.StartAsync();
            await browser.NavigateAsync(url);
            var status = await Eventually.UntilAsync(
                async () => (await browser.EvaluateAsync("document.getElementById('status') ? document.getElementById('status').textContent : ''"))?.GetValue<string>() ?? "",
                s => s.StartsWith("Connected", StringComparison.Ordinal) || s.StartsWith("Disconnected", StringComparison.Ordinal) || s.StartsWith("Something", StringComparison.Ordinal),
                "noVNC connected", TimeSpan.FromSeconds(60));
            Assert.StartsWith("Connected", status, StringComparison.Ordinal);
            var vmName = InstanceName().Match(status).Value;
            Assert.NotEmpty(vmName);

            // The canvas shows the framebuffer the console sent: the FakeDriver fills it with ColorOf(VM name).
            var (r, g, b) = FakeRfbSession.ColorOf(vmName);
            var pixel = await Eventually.UntilAsync(
                async () => (await browser.EvaluateAsync(HeadlessChromium.CanvasCenterPixel))?.GetValue<string>() ?? "",
                p => p == $"{r},{g},{b}", "the canvas shows the VM's framebuffer", TimeSpan.FromSeconds(30));
            Assert.Equal($"{r},{g},{b}", pixel);
        }
        finally
        {
            await cli.RunAsync("server", "delete", "--wait", serverId);
        }
    }

    [GeneratedRegex("instance-[0-9a-f]+")]
    private static partial Regex InstanceName();
}
