using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// A JSON-RPC session with one simulated XenServer host of the stack, logged in with its credentials from
/// <c>.run/xapisim.json</c> (written by deploy/up); logs out when disposed.
/// </summary>
public sealed class SimSession : IAsyncDisposable
{
    private readonly HttpClient _http;

    private SimSession(HttpClient http, string url, string id) => (_http, Url, Id) = (http, url, id);

    public string Url { get; }

    public string Id { get; }

    /// <summary>The URLs of every simulated host listed in <c>.run/xapisim.json</c>.</summary>
    public static IReadOnlyList<string> HostUrls(string runDirectory) =>
        Hosts(runDirectory).Select(h => h.Url).ToList();

    public static async Task<SimSession> OpenAsync(string runDirectory, string url)
    {
        var host = Hosts(runDirectory).FirstOrDefault(h => h.Url == url.TrimEnd('/'));
        if (host.Url is null)
        {
            throw new InvalidOperationException($"{url} is not in .run/xapisim.json");
        }
        var http = new HttpClient { BaseAddress = new Uri(host.Url + "/"), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            var id = (await CallAsync(http, "session.login_with_password", host.User, host.Password)).GetValue<string>();
            return new SimSession(http, host.Url, id);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Calls <paramref name="method"/> with the session first, then <paramref name="args"/>.</summary>
    public Task<JsonNode> CallAsync(string method, params string[] args) => CallAsync(_http, method, [Id, .. args]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CallAsync(_http, "session.logout", Id);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            // The host went away (restarted): the session is gone with it.
        }
        _http.Dispose();
    }

    private static IEnumerable<(string Url, string User, string Password)> Hosts(string runDirectory)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "xapisim.json")));
        return doc.RootElement.GetProperty("hosts").EnumerateArray()
            .Select(h => (h.GetProperty("url").GetString()!.TrimEnd('/'), h.GetProperty("username").GetString()!, h.GetProperty("password").GetString()!))
            .ToList();
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
