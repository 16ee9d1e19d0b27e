using ControlPlane.ConsoleAuth.Hosting;
using ControlPlane.Hosting;
using ControlPlane.Messaging.ConsoleAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.ConsoleAuth.IntegrationTests.Infrastructure;

/// <summary>A consoleauth replica in-process on free ports, against the real Redis and RabbitMQ of <c>.run/env</c>.</summary>
public sealed class ConsoleAuthHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsoleAuthHost(WebApplication app, string grpcUrl)
    {
        _app = app;
        GrpcUrl = grpcUrl;
    }

    /// <summary>The h2c gRPC URL.</summary>
    public string GrpcUrl { get; }

    /// <summary>Starts a replica whose keys start with <paramref name="keyPrefix"/> and which announces revocations on <paramref name="channel"/>.</summary>
    public static async Task<ConsoleAuthHost> StartAsync(string keyPrefix, string channel, TimeSpan? ttl = null, int? grpcPort = null)
    {
        // NOTE(tests): a free port may be taken by another test assembly between the probe and the bind;
        // try other ones then (not when the caller fixed the gRPC port), a bounded number of times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(keyPrefix, channel, ttl, grpcPort ?? TestEnvironment.FreePort());
            }
            catch (IOException e) when (grpcPort is null && attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // another free port on the next attempt
            }
        }
    }

    private static async Task<ConsoleAuthHost> StartOnceAsync(string keyPrefix, string channel, TimeSpan? ttl, int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConsoleAuthServiceExtensions).Assembly.GetName().Name,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{TestEnvironment.FreePort()}",
            ["ConsoleAuth:GrpcPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConsoleAuth:KeyPrefix"] = keyPrefix,
            ["ConsoleAuth:RevocationChannel"] = channel,
            ["ConsoleAuth:ConsoleTokenTtl"] = (ttl ?? TimeSpan.FromMinutes(10)).ToString("c"),
            ["ConnectionStrings:redis"] = TestEnvironment.Redis,
            ["ConnectionStrings:rabbitmq"] = TestEnvironment.RabbitMq,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults();
        builder.AddConsoleAuthServices();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapConsoleAuthEndpoints();
        await app.StartAsync();
        return new ConsoleAuthHost(app, $"http://127.0.0.1:{port}");
    }

    /// <summary>A client of the given replicas (round-robin with fail-over, as the api and the proxy use).</summary>
    public static ConsoleAuthRpcClient Client(params ConsoleAuthHost[] replicas) =>
        new(Microsoft.Extensions.Options.Options.Create(new ConsoleAuthClientOptions { Urls = [.. replicas.Select(r => r.GrpcUrl)] }));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
