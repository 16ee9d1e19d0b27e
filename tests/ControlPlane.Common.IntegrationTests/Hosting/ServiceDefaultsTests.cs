using System.Net;
using System.Text.Json;
using ControlPlane.Common.IntegrationTests.Infrastructure;
using ControlPlane.Data.DependencyInjection;
using ControlPlane.Hosting;
using ControlPlane.Messaging.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ControlPlane.Common.IntegrationTests.Hosting;

/// <summary>A real Kestrel service on loopback built only from the shared defaults, against the real servers.</summary>
[Trait("Category", "Integration")]
public sealed class ServiceDefaultsTests(ITestOutputHelper output)
{
    private async Task<(WebApplication App, HttpClient Http)> StartAsync(ThrowawayDatabase db, string rabbit, ScopeCapture capture)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:controlplane"] = db.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = rabbit,
            ["Rpc:ConnectionName"] = "itest-web-" + Guid.NewGuid().ToString("N"),
            // The defaults keep framework lines at Warning; this test reads ASP.NET Core's
            // "Request finished" line to prove its scope carries our request id.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        builder.AddServiceDefaults();
        builder.Logging.AddProvider(capture);
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output, "web"));
        builder.Services.AddControlPlaneDatabase(builder.Configuration, applyMigrations: true);
        builder.Services.AddRpcMessaging(builder.Configuration);
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGet("/echo", (ILogger<ServiceDefaultsTests> logger) =>
        {
            logger.LogInformation("inside the request");
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address) });
    }

    [Fact]
    public async Task Health_readiness_metrics_and_request_ids_work_on_a_real_service()
    {
        await using var db = await ThrowawayDatabase.CreateAsync();
        var capture = new ScopeCapture();
        var (app, http) = await StartAsync(db, TestEnvironment.RabbitMq, capture);
        await using var _ = app;
        using var __ = http;

        // Migrations ran during start-up, before the host reported started.
        await using (var source = db.CreateDataSource())
        await using (var cmd = source.CreateCommand("SELECT count(*) > 0 FROM schema_migrations"))
        {
            Assert.Equal(true, await cmd.ExecuteScalarAsync());
        }

        using var live = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        using var ready = await http.GetAsync("/readyz");
        var readyBody = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, readyBody);
        using var report = JsonDocument.Parse(readyBody);
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("rabbitmq").GetProperty("status").GetString());

        const string requestId = "req-6d1f2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-OpenStack-Request-ID", requestId);
        using var echoed = await http.SendAsync(request);
        Assert.Equal(requestId, echoed.Headers.GetValues("X-OpenStack-Request-ID").Single());
        Assert.Equal(requestId, echoed.Headers.GetValues("X-Compute-Request-Id").Single());
        Assert.Contains(capture.Lines, l => l.Message == "inside the request" && l.Scopes.Contains("RequestId=" + requestId));
        // ASP.NET Core's own request scope carries the same id, so its "Request finished" line has it too.
        // (logged after the response went out, hence the bounded wait)
        await Eventually.UntilAsync(() => capture.Lines.Any(l =>
            l.Message.StartsWith("Request finished", StringComparison.Ordinal) && l.Scopes.Contains("RequestId=" + requestId)), "Request finished line with the request id");
        Assert.DoesNotContain(capture.Lines, l => l.Message == "inside the request" && l.Scopes.Any(s => s.StartsWith("RequestId=", StringComparison.Ordinal) && s != "RequestId=" + requestId));

        using var anonymous = await http.GetAsync("/echo");
        var generated = anonymous.Headers.GetValues("X-OpenStack-Request-ID").Single();
        Assert.Matches("^req-[0-9a-f-]{36}$", generated);
        await Eventually.UntilAsync(() => capture.Lines.Any(l =>
            l.Message.StartsWith("Request finished", StringComparison.Ordinal) && l.Scopes.Contains("RequestId=" + generated)), "Request finished line with the generated id");

        using var metrics = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_fails_while_a_dependency_is_down_but_liveness_holds()
    {
        await using var db = await ThrowawayDatabase.CreateAsync();
        var (app, http) = await StartAsync(db, "amqp://u:p@127.0.0.1:1/", new ScopeCapture());
        await using var _ = app;
        using var __ = http;

        using var live = await http.GetAsync("/healthz");
        using var ready = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("checks").GetProperty("rabbitmq").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
    }
}
