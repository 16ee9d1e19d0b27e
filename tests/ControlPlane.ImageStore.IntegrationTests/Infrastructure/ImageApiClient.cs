using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ControlPlane.ImageStore.IntegrationTests.Infrastructure;

/// <summary>A thin Glance v2 client over HttpClient for the tests (one project token).</summary>
public sealed class ImageApiClient(Uri baseUri, string token) : IDisposable
{
    private readonly HttpClient http = CreateHttp(baseUri, token);

    /// <summary>The underlying client (base address and token set).</summary>
    public HttpClient Http => http;

    /// <summary>The token this client sends.</summary>
    public string Token => token;

    /// <summary>POST /v2/images; returns status and body.</summary>
    public async Task<(HttpStatusCode Status, JsonObject? Body)> CreateAsync(string json)
    {
        using var response = await http.PostAsync("v2/images", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await BodyAsync(response));
    }

    /// <summary>Creates an image and returns its id, failing the test unless the answer is 201.</summary>
    public async Task<Guid> CreateImageAsync(string name, string extraJson = "")
    {
        var (status, body) = await CreateAsync($$"""{"name":"{{name}}","container_format":"bare","disk_format":"raw"{{extraJson}}}""");
        Assert.Equal(HttpStatusCode.Created, status);
        return Guid.Parse(body!["id"]!.GetValue<string>());
    }

    /// <summary>GET a path relative to the base; returns status and JSON body (null when empty).</summary>
    public async Task<(HttpStatusCode Status, JsonObject? Body)> GetJsonAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await BodyAsync(response));
    }

    /// <summary>GET /v2/images/{id}.</summary>
    public Task<(HttpStatusCode Status, JsonObject? Body)> ShowAsync(Guid id) => GetJsonAsync($"v2/images/{id}");

    /// <summary>PUT /v2/images/{id}/file with the body chunked (no Content-Length).</summary>
    public async Task<HttpStatusCode> UploadChunkedAsync(Guid id, byte[] data)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v2/images/{id}/file")
        {
            Content = new StreamContent(new NonSeekableStream(data)),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>PUT /v2/images/{id}/file with Content-Length.</summary>
    public async Task<HttpStatusCode> UploadSizedAsync(Guid id, byte[] data)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v2/images/{id}/file") { Content = new ByteArrayContent(data) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // As curl does for large bodies: a refusal (413, 409) arrives before the body is sent.
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>GET /v2/images/{id}/file: status, bytes and the Content-MD5 header.</summary>
    public async Task<(HttpStatusCode Status, byte[] Data, string? ContentMd5, long? ContentLength)> DownloadAsync(Guid id)
    {
        using var response = await http.GetAsync($"v2/images/{id}/file");
        var data = await response.Content.ReadAsByteArrayAsync();
        var md5 = response.Content.Headers.TryGetValues("Content-MD5", out var v) ? v.Single() : null;
        return (response.StatusCode, data, md5, response.Content.Headers.ContentLength);
    }

    /// <summary>PATCH /v2/images/{id} with <paramref name="mediaType"/>.</summary>
    public async Task<(HttpStatusCode Status, JsonObject? Body)> PatchAsync(Guid id, string mediaType, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"v2/images/{id}")
        {
            Content = new StringContent(json, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await BodyAsync(response));
    }

    /// <summary>Sends <paramref name="method"/> to <paramref name="path"/> without a body; returns the status.</summary>
    public async Task<HttpStatusCode> SendAsync(HttpMethod method, string path)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path));
        return response.StatusCode;
    }

    /// <summary>
    /// Starts a chunked upload over a raw socket, sends <paramref name="bytesBeforeAbort"/> bytes, then
    /// drops the connection without the terminating chunk, as a crashed client would. The drop
    /// happens only after <paramref name="beforeAbort"/> completes (e.g. once the server is seen
    /// saving), so that the server has read the request before the reset discards unread bytes.
    /// </summary>
    public async Task AbortedUploadAsync(Guid id, int bytesBeforeAbort, Func<Task> beforeAbort)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(baseUri.Host, baseUri.Port);
        var stream = socket.GetStream();
        var head = $"PUT /v2/images/{id}/file HTTP/1.1\r\nHost: {baseUri.Authority}\r\nX-Auth-Token: {token}\r\n" +
                   "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var chunk = new byte[64 * 1024];
        Random.Shared.NextBytes(chunk);
        for (var sent = 0; sent < bytesBeforeAbort; sent += chunk.Length)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            await stream.WriteAsync(chunk);
            await stream.WriteAsync("\r\n"u8.ToArray());
        }
        await stream.FlushAsync();
        await beforeAbort();
        socket.Client.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static HttpClient CreateHttp(Uri baseUri, string token)
    {
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return client;
    }

    private static async Task<JsonObject?> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
    }

    /// <summary>Hides the length so HttpClient must send the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
