using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace ControlPlane.Bench.Api;

/// <summary>Runs the API benchmark against a running stack as the admin project.</summary>
public sealed class ApiBenchmark(BenchOptions options)
{
    private const string Image = "11111111-1111-1111-1111-111111111111";
    private static readonly TimeSpan BootDeadline = TimeSpan.FromMinutes(10);

    public async Task<BenchReport> RunAsync()
    {
        var started = TimeProvider.System.GetUtcNow();
        using var http = new HttpClient { BaseAddress = new Uri(options.ApiUrl), Timeout = TimeSpan.FromMinutes(2) };
        var (token, projectId) = await LoginAsync(http);
        http.DefaultRequestHeaders.Add("X-Auth-Token", token);
        await LiftQuotaAsync(projectId);
        var idle = ProcessMemory.ReadAll(options.RunDirectory);

        var baseline = await LatencySeries.MeasureAsync("GET /healthz", options.Requests, () => GetAsync(http, "/healthz"));
        var latencies = new List<LatencySeries>
        {
            await LatencySeries.MeasureAsync("GET /flavors", options.Requests, () => GetAsync(http, "/compute/v2.1/flavors")),
        };
        var twenty = await BootAsync(http, 20, keep: true);
        latencies.Add(await LatencySeries.MeasureAsync("GET /servers/detail (20 servers)", options.Requests,
            () => GetAsync(http, "/compute/v2.1/servers/detail?name=^bench-keep-")));
        latencies.Add(await LatencySeries.MeasureAsync("GET /servers/{id}", options.Requests,
            () => GetAsync(http, "/compute/v2.1/servers/" + twenty.Ids[0])));
        var deleteTwenty = await DeleteAllAsync(http, twenty.Ids);

        var boots = new List<BootRun> { twenty.Run with { DeleteSeconds = deleteTwenty } };
        foreach (var count in options.BootCounts.Where(c => c != 20))
        {
            var batch = await BootAsync(http, count, keep: false);
            boots.Add(batch.Run with { DeleteSeconds = await DeleteAllAsync(http, batch.Ids) });
        }
        return new BenchReport(started, baseline, latencies, boots, idle, ProcessMemory.ReadAll(options.RunDirectory));
    }

    private async Task<(BootRun Run, List<string> Ids)> BootAsync(HttpClient http, int count, bool keep)
    {
        var prefix = (keep ? "bench-keep-" : "bench-") + Guid.NewGuid().ToString("N")[..6] + "-";
        var ids = new List<string>();
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(options.Concurrency);
        var creates = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var body = new JsonObject { ["server"] = new JsonObject { ["name"] = prefix + i, ["flavorRef"] = "1", ["imageRef"] = Image } };
                using var response = await http.PostAsJsonAsync("/compute/v2.1/servers", body);
                var node = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"create returned {(int)response.StatusCode}: {node?.ToJsonString()}");
                }
                lock (ids)
                {
                    ids.Add(node!["server"]!["id"]!.GetValue<string>());
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(creates);

        int active = 0, error = 0;
        while (clock.Elapsed < BootDeadline)
        {
            var detail = JsonNode.Parse(await http.GetStringAsync("/compute/v2.1/servers/detail?name=^" + prefix))!["servers"]!.AsArray();
            active = detail.Count(s => s!["status"]!.GetValue<string>() == "ACTIVE");
            error = detail.Count(s => s!["status"]!.GetValue<string>() == "ERROR");
            if (active + error >= count)
            {
                break;
            }
            await Task.Delay(50);
        }
        return (new BootRun(count, clock.Elapsed.TotalSeconds, active, error, 0), ids);
    }

    private async Task<double> DeleteAllAsync(HttpClient http, List<string> ids)
    {
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(options.Concurrency);
        await Task.WhenAll(ids.Select(async id =>
        {
            await gate.WaitAsync();
            try
            {
                using var _ = await http.DeleteAsync("/compute/v2.1/servers/" + id);
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var id in ids)
        {
            while (clock.Elapsed < BootDeadline)
            {
                using var response = await http.GetAsync("/compute/v2.1/servers/" + id);
                if ((int)response.StatusCode == 404)
                {
                    break;
                }
                await Task.Delay(50);
            }
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An operator's step before a scale run: unlimited instances, cores and RAM for the admin project.</summary>
    private async Task LiftQuotaAsync(string projectId)
    {
        if (options.ControlPlaneDb is null)
        {
            throw new InvalidOperationException("ConnectionStrings__controlplane is not in .run/env: run deploy/up first.");
        }
        await using var connection = new NpgsqlConnection(options.ControlPlaneDb);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO quotas (project_id, resource, hard_limit)
            SELECT @p, r, -1 FROM unnest(ARRAY['instances', 'cores', 'ram']) AS r
            ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = -1
            """, connection);
        cmd.Parameters.AddWithValue("p", projectId);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<(string Token, string ProjectId)> LoginAsync(HttpClient http)
    {
        var body = JsonNode.Parse("""
            {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"}, "password": "secret"}}},
                      "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}
            """);
        using var response = await http.PostAsJsonAsync("/identity/v3/auth/tokens", body);
        response.EnsureSuccessStatusCode();
        var project = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!["project"]!["id"]!.GetValue<string>();
        return (response.Headers.GetValues("X-Subject-Token").Single(), project);
    }
}
