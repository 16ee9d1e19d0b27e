using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.Api.IntegrationTests.Infrastructure;

/// <summary>An authenticated REST client of one tenant.</summary>
public sealed class ApiClient(HttpClient http, string token, string projectId, string userId) : IDisposable
{
    public const string ActiveImage = "aaaaaaaa-0000-4000-8000-000000000001";

    public string Token => token;

    public string ProjectId => projectId;

    public string UserId => userId;

    public HttpClient Http => http;

    public Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? body = null, string? microversion = null) =>
        SendRawAsync(http, method, path, body, microversion);

    /// <summary>Creates a server (202 expected) and returns its id.</summary>
    public async Task<string> CreateServerAsync(string? name = null, string flavor = "1")
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            $$$$"""{"server": {"name": "{{{{name ?? "it-" + Guid.NewGuid().ToString("N")[..8]}}}}", "flavorRef": "{{{{flavor}}}}", "imageRef": "{{{{ActiveImage}}}}"}}""");
        Assert.True(status == 202, $"create returned {status}: {body?.ToJsonString()}");
        return body!["server"]!["id"]!.GetValue<string>();
    }

    public static async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendRawAsync(
        HttpClient http, HttpMethod method, string path, string? body = null, string? microversion = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
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

    public void Dispose() => http.Dispose();
}
