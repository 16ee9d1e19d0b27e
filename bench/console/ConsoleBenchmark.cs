using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ControlPlane.Bench.Console;

/// <summary>Runs the console benchmark as the admin project: one server, then the three measurements.</summary>
public sealed class ConsoleBenchmark(ConsoleBenchOptions options)
{
    private const string Image = "11111111-1111-1111-1111-111111111111";

    /// <summary>Boots a server, measures, deletes the server.</summary>
    public async Task<ConsoleBenchReport> RunAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(options.ApiUrl), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Auth-Token", await LoginAsync(http));
        http.DefaultRequestHeaders.Add("OpenStack-API-Version", "compute 2.31");
        var server = await BootAsync(http);
        try
        {
            var samples = new double[options.Requests];
            string url = "";
            for (var i = -10; i < options.Requests; i++)
            {
                var start = Stopwatch.GetTimestamp();
                url = await ConsoleUrlAsync(http, server);
                if (i >= 0)
                {
                    samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }
            Array.Sort(samples);
            var token = Uri.UnescapeDataString(url[(url.IndexOf("path=", StringComparison.Ordinal) + 5)..]).Split("token=")[1];
            var proxy = new Uri(url);
            var wsUrl = $"ws://{proxy.Host}:{proxy.Port}/?token={Uri.EscapeDataString(token)}";
            var checks = await CheckRateAsync(wsUrl);
            var viaProxy = await ProxyThroughputAsync(wsUrl);
            var direct = await DirectThroughputAsync(http, token);
            return new ConsoleBenchReport(samples[samples.Length / 2], samples[(int)Math.Ceiling(samples.Length * 0.99) - 1], checks, viaProxy, direct);
        }
        finally
        {
            using var _ = await http.DeleteAsync("/compute/v2.1/servers/" + server);
        }
    }

    private async Task<double> CheckRateAsync(string wsUrl)
    {
        var deadline = Stopwatch.StartNew();
        var count = 0;
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            while (deadline.Elapsed.TotalSeconds < options.Seconds)
            {
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(new Uri(wsUrl), CancellationToken.None);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench", CancellationToken.None);
                Interlocked.Increment(ref count);
            }
        }));
        return count / deadline.Elapsed.TotalSeconds;
    }

    private async Task<double> ProxyThroughputAsync(string wsUrl)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(wsUrl), CancellationToken.None);
        var rfb = new RfbReader(async m => (await socket.ReceiveAsync(m, CancellationToken.None)).Count,
            b => socket.SendAsync(b, WebSocketMessageType.Binary, true, CancellationToken.None));
        return await MeasureAsync(rfb);
    }

    private async Task<double> DirectThroughputAsync(HttpClient http, string token)
    {
        var console = JsonNode.Parse(await http.GetStringAsync("/compute/v2.1/os-console-auth-tokens/" + Uri.EscapeDataString(token)))!["console"]!;
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(console["host"]!.GetValue<string>(), console["port"]!.GetValue<int>());
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {console["internal_access_path"]!.GetValue<string>()} HTTP/1.1\r\n\r\n"));
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            await stream.ReadExactlyAsync(one);
            head.Add(one[0]);
        }
        var rfb = new RfbReader(m => stream.ReadAsync(m).AsTask(), b => stream.WriteAsync(b).AsTask());
        return await MeasureAsync(rfb);
    }

    private async Task<double> MeasureAsync(RfbReader rfb)
    {
        await rfb.HandshakeAsync();
        for (var i = 0; i < 5; i++)
        {
            await rfb.ReadFullFrameAsync(); // warm-up
        }
        var startBytes = rfb.BytesRead;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < options.Seconds)
        {
            await rfb.ReadFullFrameAsync();
        }
        return (rfb.BytesRead - startBytes) / clock.Elapsed.TotalSeconds / (1 << 20);
    }

    private static async Task<string> ConsoleUrlAsync(HttpClient http, string server)
    {
        var body = new JsonObject { ["remote_console"] = new JsonObject { ["protocol"] = "vnc", ["type"] = "novnc" } };
        using var response = await http.PostAsJsonAsync($"/compute/v2.1/servers/{server}/remote-consoles", body);
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return (int)response.StatusCode == 200
            ? node!["remote_console"]!["url"]!.GetValue<string>()
            : throw new InvalidOperationException($"remote-consoles returned {(int)response.StatusCode}: {node?.ToJsonString()}");
    }

    private static async Task<string> BootAsync(HttpClient http)
    {
        var body = new JsonObject { ["server"] = new JsonObject { ["name"] = "bench-console-" + Guid.NewGuid().ToString("N")[..6], ["flavorRef"] = "1", ["imageRef"] = Image } };
        using var response = await http.PostAsJsonAsync("/compute/v2.1/servers", body);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["server"]!["id"]!.GetValue<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var status = JsonNode.Parse(await http.GetStringAsync("/compute/v2.1/servers/" + id))!["server"]!["status"]!.GetValue<string>();
            if (status == "ACTIVE")
            {
                return id;
            }
            if (status == "ERROR")
            {
                throw new InvalidOperationException($"server {id} went to ERROR");
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"server {id} not ACTIVE after 5 minutes");
    }

    private static async Task<string> LoginAsync(HttpClient http)
    {
        var auth = JsonNode.Parse("""
            {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"}, "password": "secret"}}},
                      "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}
            """);
        using var response = await http.PostAsJsonAsync("/identity/v3/auth/tokens", auth);
        return response.Headers.GetValues("X-Subject-Token").Single();
    }
}
