using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.Testing;

/// <summary>
/// Debian's <c>chromium</c> started headless with its DevTools protocol on a free port (read from
/// <c>DevToolsActivePort</c>), driven through one page target: navigate and evaluate JavaScript.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>JavaScript giving noVNC's canvas centre pixel as "r,g,b" (empty until the canvas has a size).</summary>
    public const string CanvasCenterPixel =
        "(() => { const c = document.querySelector('#screen canvas') || document.querySelector('canvas'); if (!c || c.width < 8) return ''; " +
        "const d = c.getContext('2d').getImageData(c.width >> 1, c.height >> 1, 1, 1).data; return d[0] + ',' + d[1] + ',' + d[2]; })()";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _page = new();
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Starts chromium and attaches to its first page.</summary>
    public static async Task<HeadlessChromium> StartAsync()
    {
        var profile = Path.Combine(Path.GetTempPath(), "cp-chromium-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo("chromium")
        {
            ArgumentList = { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start (Debian package chromium; deploy/setup installs it)");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var port = await Eventually.UntilAsync(() => Task.FromResult(File.Exists(portFile) ? File.ReadAllLines(portFile).FirstOrDefault() : null),
            p => int.TryParse(p, out _), "chromium wrote DevToolsActivePort", TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        var targets = await http.GetFromJsonAsync<JsonArray>($"http://127.0.0.1:{port}/json/list");
        var page = targets!.First(t => t!["type"]!.GetValue<string>() == "page")!;
        await browser._page.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), CancellationToken.None);
        return browser;
    }

    /// <summary>Opens <paramref name="url"/> in the page.</summary>
    public Task NavigateAsync(string url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url });

    /// <summary>Evaluates <paramref name="expression"/> in the page and returns its JSON value (null when undefined).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        return result["result"]?["value"];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _page.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still hold a file for a moment; the temp directory is cleaned later
        }
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _page.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await _page.ReceiveAsync(buffer, timeout.Token);
                text.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
            var reply = JsonNode.Parse(text.ToArray())!;
            if (reply["id"]?.GetValue<int>() != id)
            {
                continue; // an event
            }
            return reply["error"] is { } error ? throw new InvalidOperationException($"{method}: {error.ToJsonString()}") : reply["result"]!;
        }
    }
}
