using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.Bench.ResizeApi;

/// <summary>Runs the resize benchmark against a running stack as the admin project (one server at a time, so the
/// numbers are the flow's latency, not the machine's throughput).</summary>
public sealed class ResizeBenchmark(ResizeBenchOptions options)
{
    private const string Image = "11111111-1111-1111-1111-111111111111";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>Boots, resizes, confirms and deletes <see cref="ResizeBenchOptions.Runs"/> servers.</summary>
    public async Task<ResizeReport> RunAsync()
    {
        var started = TimeProvider.System.GetUtcNow();
        using var http = new HttpClient { BaseAddress = new Uri(options.ApiUrl), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Auth-Token", await LoginAsync(http));
        var resize = new List<double>();
        var confirm = new List<double>();
        for (var i = 0; i < options.Runs; i++)
        {
            var id = await BootAsync(http, $"bench-resize-{Guid.NewGuid():N}"[..24]);
            var clock = Stopwatch.StartNew();
            await ActAsync(http, id, new JsonObject { ["resize"] = new JsonObject { ["flavorRef"] = options.ToFlavor } }, 202);
            await WaitAsync(http, id, "VERIFY_RESIZE");
            resize.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            await ActAsync(http, id, new JsonObject { ["confirmResize"] = null }, 204);
            await WaitAsync(http, id, "ACTIVE");
            confirm.Add(clock.Elapsed.TotalSeconds);
            using var _ = await http.DeleteAsync("/compute/v2.1/servers/" + id);
        }
        return new ResizeReport(started, options.Runs, [.. resize], [.. confirm]);
    }

    private async Task<string> BootAsync(HttpClient http, string name)
    {
        var body = new JsonObject { ["server"] = new JsonObject { ["name"] = name, ["flavorRef"] = options.FromFlavor, ["imageRef"] = Image } };
        using var response = await http.PostAsJsonAsync("/compute/v2.1/servers", body);
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"create returned {(int)response.StatusCode}: {node?.ToJsonString()}");
        }
        var id = node!["server"]!["id"]!.GetValue<string>();
        await WaitAsync(http, id, "ACTIVE");
        return id;
    }

    private static async Task ActAsync(HttpClient http, string id, JsonObject action, int expected)
    {
        using var response = await http.PostAsJsonAsync($"/compute/v2.1/servers/{id}/action", action);
        if ((int)response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{action.ToJsonString()} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Polls the server until it shows <paramref name="status"/> without a task (a benchmark measures wall time).</summary>
    private static async Task WaitAsync(HttpClient http, string id, string status)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            var server = JsonNode.Parse(await http.GetStringAsync("/compute/v2.1/servers/" + id))!["server"]!;
            var now = server["status"]!.GetValue<string>();
            if (now == status && server["OS-EXT-STS:task_state"] is null)
            {
                return;
            }
            if (now == "ERROR")
            {
                throw new InvalidOperationException($"server {id} went to ERROR: {server["fault"]?.ToJsonString()}");
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"server {id} did not reach {status} within {Deadline}");
    }

    private static async Task<string> LoginAsync(HttpClient http)
    {
        var body = JsonNode.Parse("""
            {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"}, "password": "secret"}}},
                      "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}
            """);
        using var response = await http.PostAsJsonAsync("/identity/v3/auth/tokens", body);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Subject-Token").Single();
    }
}
