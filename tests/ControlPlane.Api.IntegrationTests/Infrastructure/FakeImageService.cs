using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal stand-in for the imagestore's <c>GET /v2/images/{id}</c>, so these tests control image
/// status and minimums exactly (the imagestore has its own tests; the e2e suite uses the real one).
/// It insists on an <c>X-Auth-Token</c>, as the imagestore does.
/// </summary>
public sealed class FakeImageService : IAsyncDisposable
{
    public static readonly Guid Active = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    public static readonly Guid Queued = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000002");
    public static readonly Guid NeedsLotsOfRam = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000003");

    private readonly WebApplication app;

    private FakeImageService(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Every PATCH received: its content type and its JSON patch text.</summary>
    public static System.Collections.Concurrent.ConcurrentQueue<(string ContentType, string Operations)> Patches { get; } = new();

    public static async Task<FakeImageService> StartAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/v2/images/{id:guid}", (Guid id, HttpContext ctx) =>
        {
            if (string.IsNullOrEmpty(ctx.Request.Headers["X-Auth-Token"]))
            {
                return Results.StatusCode(401);
            }
            if (id == Active)
            {
                return Results.Text($$"""{"id": "{{id}}", "status": "active", "min_ram": 0, "min_disk": 0, "size": 1048576}""", "application/json");
            }
            if (id == Queued)
            {
                return Results.Text($$"""{"id": "{{id}}", "status": "queued", "min_ram": 0, "min_disk": 0, "size": null}""", "application/json");
            }
            if (id == NeedsLotsOfRam)
            {
                return Results.Text($$"""{"id": "{{id}}", "status": "active", "min_ram": 1000000, "min_disk": 0, "size": 1024}""", "application/json");
            }
            return Results.NotFound();
        });
        // The compute image proxy's list and delete (the policy table reaches them; no image is really deleted).
        app.MapGet("/v2/images", (HttpContext ctx) => string.IsNullOrEmpty(ctx.Request.Headers["X-Auth-Token"])
            ? Results.StatusCode(401)
            : Results.Text("""{"images": []}""", "application/json"));
        app.MapDelete("/v2/images/{id:guid}", (Guid id, HttpContext ctx) => string.IsNullOrEmpty(ctx.Request.Headers["X-Auth-Token"])
            ? Results.StatusCode(401)
            : id == Active ? Results.NoContent() : Results.NotFound());
        // The image metadata proxy's writes: the JSON patch is recorded and applied to a copy of the active image.
        app.MapPatch("/v2/images/{id:guid}", async (Guid id, HttpContext ctx) =>
        {
            if (string.IsNullOrEmpty(ctx.Request.Headers["X-Auth-Token"]))
            {
                return Results.StatusCode(401);
            }
            if (id != Active)
            {
                return Results.NotFound();
            }
            var ops = (await System.Text.Json.Nodes.JsonNode.ParseAsync(ctx.Request.Body))!.AsArray();
            Patches.Enqueue((ctx.Request.ContentType ?? string.Empty, ops.ToJsonString()));
            var image = new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = id.ToString(), ["status"] = "active", ["min_ram"] = 0, ["min_disk"] = 0, ["size"] = 1048576,
            };
            foreach (var op in ops.Where(o => o!["op"]!.GetValue<string>() is "add" or "replace"))
            {
                image[op!["path"]!.GetValue<string>()[1..]] = op["value"]!.DeepClone();
            }
            return Results.Json(image);
        });
        await app.StartAsync();
        return new FakeImageService(app, $"http://127.0.0.1:{port}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
