using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// Diagnostic: how fast the host's XapiSim alone exports the server's root disk (<c>GET /export_raw_vdi?format=vhd</c>, the
/// chain flattened into one dynamic VHD: the same allocated data as the snapshot) into <c>curl -o /dev/null</c>, with XapiSim's
/// CPU seconds. Logs in with the simulated host's credentials from <c>.run/xapisim.json</c> (written by deploy/up).
/// </summary>
public sealed class SimExport(StackHost host, SnapshotBenchOptions options, TimeProvider time)
{
    public async Task<(CurlUpload Export, double SimCpuSeconds)> RunAsync(string serverId)
    {
        var (user, password) = Credentials();
        using var http = new HttpClient { BaseAddress = new Uri(host.SimUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
        var session = (await CallAsync(http, "session.login_with_password", user, password)).GetValue<string>();
        try
        {
            var vdis = (await CallAsync(http, "VDI.get_all_records", session)).AsObject();
            var root = vdis.FirstOrDefault(v =>
                v.Value!["other_config"]?["nova_instance_uuid"]?.GetValue<string>() == serverId &&
                v.Value["other_config"]?["nova_disk_type"]?.GetValue<string>() == "root").Key
                ?? throw new InvalidOperationException($"no root VDI of server {serverId} on {host.SimService}");
            await using var sampler = new ProcessSampler(options.RunDirectory, [host.SimService], time);
            var export = await CurlUpload.DownloadAsync(host.SimService + " export", $"{host.SimUrl}/export_raw_vdi?session_id={Uri.EscapeDataString(session)}&vdi={Uri.EscapeDataString(root)}&format=vhd", options.Timeout);
            await sampler.StopAsync();
            return (export, sampler.CpuSeconds[host.SimService]);
        }
        finally
        {
            await CallAsync(http, "session.logout", session);
        }
    }

    private (string User, string Password) Credentials()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(options.RunDirectory, "xapisim.json")));
        foreach (var h in doc.RootElement.GetProperty("hosts").EnumerateArray())
        {
            if (h.GetProperty("url").GetString()!.TrimEnd('/') == host.SimUrl)
            {
                return (h.GetProperty("username").GetString()!, h.GetProperty("password").GetString()!);
            }
        }
        throw new InvalidOperationException($"{host.SimUrl} is not in .run/xapisim.json");
    }

    private static async Task<JsonNode> CallAsync(HttpClient http, string method, params string[] args)
    {
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = new JsonArray(args.Select(a => (JsonNode?)a).ToArray()) };
        using var response = await http.PostAsJsonAsync("jsonrpc", body);
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (node["error"] is { } error)
        {
            throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        }
        return node["result"]!;
    }
}
