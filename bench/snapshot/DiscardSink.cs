using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// The curl baseline's target: an in-process Kestrel server on 127.0.0.1 (ephemeral port) whose every PUT/POST
/// reads the body (sized or chunked) with a 1 MiB buffer, as imagestore's upload does, discards it and answers
/// 204 with the byte count in <c>X-Bytes-Received</c>.
/// </summary>
public sealed class DiscardSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DiscardSink(WebApplication app, string url) => (_app, Url) = (app, url);

    public string Url { get; }

    public static async Task<DiscardSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.MapMethods("/{**path}", ["PUT", "POST"], DiscardAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var sink = new DiscardSink(app, address.TrimEnd('/'));
        // Warm-up (JIT, first connection) so the first measured upload does not pay for it.
        using (var http = new HttpClient())
        using (var response = await http.PutAsync(sink.Url + "/warm-up", new ByteArrayContent(new byte[4 << 20])))
        {
            response.EnsureSuccessStatusCode();
        }
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task DiscardAsync(HttpContext context)
    {
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
        var buffer = new byte[1 << 20];
        long total = 0;
        int n;
        while ((n = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            total += n;
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        context.Response.Headers["X-Bytes-Received"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
