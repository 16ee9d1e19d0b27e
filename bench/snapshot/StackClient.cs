using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.Bench.Snapshot;

/// <summary>The calls the benchmark makes to the running stack, as the admin user: Identity v3, Compute v2.1 at 2.45+, Glance v2.</summary>
public sealed class StackClient : IDisposable
{
    /// <summary>createImage answers {"image_id"} from 2.45; 2.51 shows instance action event details to admins.</summary>
    private const string Microversion = "2.51";
    private readonly HttpClient _api;
    private readonly HttpClient _images;

    private StackClient(HttpClient api, HttpClient images, string token)
    {
        (_api, _images, Token) = (api, images, token);
        foreach (var client in new[] { api, images })
        {
            client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        }
        api.DefaultRequestHeaders.Add("OpenStack-API-Version", "compute " + Microversion);
        api.DefaultRequestHeaders.Add("X-OpenStack-Nova-API-Version", Microversion);
    }

    public string Token { get; }

    public string ImageUrl => _images.BaseAddress!.AbsoluteUri.TrimEnd('/');

    public static async Task<StackClient> LoginAsync(SnapshotBenchOptions options)
    {
        var api = new HttpClient { BaseAddress = new Uri(options.ApiUrl + "/"), Timeout = TimeSpan.FromMinutes(2) };
        var body = JsonNode.Parse("""
            {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"}, "password": "secret"}}},
                      "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}
            """);
        using var response = await api.PostAsJsonAsync("identity/v3/auth/tokens", body);
        response.EnsureSuccessStatusCode();
        var token = response.Headers.GetValues("X-Subject-Token").Single();
        var images = new HttpClient { BaseAddress = new Uri(options.ImageUrl + "/"), Timeout = options.Timeout };
        return new StackClient(api, images, token);
    }

    public async Task<JsonArray> FlavorsAsync() =>
        (await GetJsonAsync(_api, "compute/v2.1/flavors/detail"))!["flavors"]!.AsArray();

    public async Task<string> CreateServerAsync(string name, string imageId, string flavorId)
    {
        var body = new JsonObject { ["server"] = new JsonObject { ["name"] = name, ["imageRef"] = imageId, ["flavorRef"] = flavorId, ["networks"] = "none" } };
        var node = await SendJsonAsync(_api, HttpMethod.Post, "compute/v2.1/servers", body, HttpStatusCode.Accepted);
        return node!["server"]!["id"]!.GetValue<string>();
    }

    /// <summary>The server, or null once it is gone (404).</summary>
    public async Task<JsonNode?> ServerAsync(string id)
    {
        using var response = await _api.GetAsync("compute/v2.1/servers/" + id);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureAsync(response, "GET server");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["server"];
    }

    public async Task DeleteServerAsync(string id)
    {
        using var response = await _api.DeleteAsync("compute/v2.1/servers/" + id);
        if (response.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.NotFound))
        {
            await EnsureAsync(response, "DELETE server");
        }
    }

    /// <summary>POST createImage; returns the new image's id (2.45+ body).</summary>
    public async Task<string> CreateImageAsync(string serverId, string name)
    {
        var body = new JsonObject { ["createImage"] = new JsonObject { ["name"] = name } };
        var node = await SendJsonAsync(_api, HttpMethod.Post, $"compute/v2.1/servers/{serverId}/action", body, HttpStatusCode.Accepted);
        return node!["image_id"]!.GetValue<string>();
    }

    /// <summary>The ids of the images named <paramref name="name"/> (Glance v2 <c>?name=</c>).</summary>
    public async Task<IReadOnlyList<string>> ImageIdsNamedAsync(string name) =>
        (await GetJsonAsync(_images, "v2/images?name=" + Uri.EscapeDataString(name)))!["images"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<string>()).ToList();

    /// <summary>POST a server action (e.g. <c>{"shelve": null}</c>) that answers 202 without a body.</summary>
    public Task ServerActionAsync(string serverId, JsonNode body) =>
        SendJsonAsync(_api, HttpMethod.Post, $"compute/v2.1/servers/{serverId}/action", body, HttpStatusCode.Accepted);

    /// <summary>The newest createImage action's failed events, as "event: result: traceback" lines (best effort).</summary>
    public async Task<string> SnapshotFaultAsync(string serverId)
    {
        var actions = (await GetJsonAsync(_api, $"compute/v2.1/servers/{serverId}/os-instance-actions"))!["instanceActions"]!.AsArray();
        var latest = actions.FirstOrDefault(a => a!["action"]!.GetValue<string>() == "createImage");
        if (latest is null)
        {
            return "no createImage instance action";
        }
        var action = (await GetJsonAsync(_api, $"compute/v2.1/servers/{serverId}/os-instance-actions/{latest["request_id"]!.GetValue<string>()}"))!["instanceAction"]!;
        var events = action["events"]?.AsArray() ?? [];
        var failed = events.Where(e => e?["result"]?.GetValue<string>() is "Error" or "error")
            .Select(e => $"{e!["event"]}: {e["traceback"] ?? e["details"]}");
        var text = string.Join(" | ", failed);
        return text.Length > 0 ? text : "createImage action " + action["message"];
    }

    public async Task<string> CreateImageRecordAsync(string name, string visibility = "private")
    {
        var body = new JsonObject { ["name"] = name, ["disk_format"] = "vhd", ["container_format"] = "ovf", ["visibility"] = visibility };
        var node = await SendJsonAsync(_images, HttpMethod.Post, "v2/images", body, HttpStatusCode.Created);
        return node!["id"]!.GetValue<string>();
    }

    /// <summary>The image record, or null once it is gone (404).</summary>
    public async Task<JsonNode?> ImageAsync(string id)
    {
        using var response = await _images.GetAsync("v2/images/" + id);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureAsync(response, "GET image");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task DeleteImageAsync(string id)
    {
        using var response = await _images.DeleteAsync("v2/images/" + id);
        if (response.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.NotFound))
        {
            await EnsureAsync(response, "DELETE image");
        }
    }

    /// <summary>GET .../file into <paramref name="path"/>; returns the bytes written.</summary>
    public async Task<long> DownloadImageAsync(string id, string path)
    {
        using var response = await _images.GetAsync($"v2/images/{id}/file", HttpCompletionOption.ResponseHeadersRead);
        await EnsureAsync(response, "GET image file");
        await using var file = File.Create(path);
        await response.Content.CopyToAsync(file);
        return file.Length;
    }

    /// <summary>Uploads a file with a Content-Length (the source image: not a measured step).</summary>
    public async Task UploadImageAsync(string id, string path)
    {
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _images.PutAsync($"v2/images/{id}/file", content);
        await EnsureAsync(response, "PUT image file");
    }

    public void Dispose()
    {
        _api.Dispose();
        _images.Dispose();
    }

    private static async Task<JsonNode?> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await EnsureAsync(response, "GET " + path);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode?> SendJsonAsync(HttpClient client, HttpMethod method, string path, JsonNode body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
