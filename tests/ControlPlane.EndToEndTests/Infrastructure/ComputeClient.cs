using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>A thin HTTP client for the REST API as a tenant sees it: token, then raw requests.</summary>
public sealed class ComputeClient : IDisposable
{
    private readonly HttpClient http;

    private ComputeClient(HttpClient http, string token, string projectId)
    {
        this.http = http;
        Token = token;
        ProjectId = projectId;
    }

    public string Token { get; }

    public string ProjectId { get; }

    /// <summary>Issues a project-scoped token with the password method.</summary>
    public static async Task<ComputeClient> LoginAsync(StackEnvironment stack, string user, string project, string password = "secret")
    {
        var http = new HttpClient { BaseAddress = new Uri(stack.ApiUrl), Timeout = TimeSpan.FromSeconds(60) };
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["name"] = "Default" }, ["password"] = password },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["name"] = "Default" } },
                },
            },
        };
        using var response = await http.PostAsync("/identity/v3/auth/tokens", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"token issue for {user} returned {(int)response.StatusCode}: {text}");
        }
        var token = response.Headers.GetValues("X-Subject-Token").Single();
        var projectId = JsonNode.Parse(text)!["token"]!["project"]!["id"]!.GetValue<string>();
        http.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return new ComputeClient(http, token, projectId);
    }

    /// <summary>Sends a request with an optional raw body and microversion; returns status and parsed body.</summary>
    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, string? rawBody = null, string? microversion = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (microversion is not null)
        {
            request.Headers.Add("OpenStack-API-Version", "compute " + microversion);
            request.Headers.Add("X-OpenStack-Nova-API-Version", microversion);
        }
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? parsed = null;
        if (text.Length > 0)
        {
            try
            {
                parsed = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                parsed = JsonValue.Create(text);
            }
        }
        return ((int)response.StatusCode, parsed, response);
    }

    /// <summary>Polls a server until its status is one of <paramref name="statuses"/> (<c>DELETED</c>: gone) or the deadline passes.</summary>
    public async Task<JsonNode> WaitForServerStatusAsync(string id, TimeSpan deadline, params string[] statuses)
    {
        var result = await Eventually.UntilAsync<(bool Done, JsonNode? Server)>(async () =>
        {
            var (status, body, _) = await SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + id);
            if (status == 404 && statuses.Contains("DELETED"))
            {
                return (true, JsonValue.Create("DELETED")!);
            }
            var last = body?["server"];
            return (last?["status"]?.GetValue<string>() is { } s && statuses.Contains(s), last);
        }, r => r.Done, $"server {id} to reach {string.Join('|', statuses)}", deadline, TimeSpan.FromMilliseconds(250));
        return result.Server!;
    }

    public void Dispose() => http.Dispose();
}
