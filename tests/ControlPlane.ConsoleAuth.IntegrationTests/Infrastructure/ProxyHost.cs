using ControlPlane.ConsoleProxy.Hosting;
using ControlPlane.ConsoleProxy.Proxy;
using ControlPlane.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.ConsoleAuth.IntegrationTests.Infrastructure;

/// <summary>The console proxy in-process on a free port, calling the given consoleauth replicas.</summary>
public sealed class ProxyHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProxyHost(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The HTTP port.</summary>
    public int Port { get; }

    /// <summary>The proxy's open consoles.</summary>
    public OpenConsoles Open => _app.Services.GetRequiredService<OpenConsoles>();

    /// <summary>Starts a proxy listening to revocations on <paramref name="channel"/>; waits until it is subscribed.</summary>
    public static async Task<ProxyHost> StartAsync(string channel, params ConsoleAuthHost[] consoleAuth)
    {
        // NOTE(tests): a free port may be taken by another test assembly between the probe and the bind;
        // try another one then, a bounded number of times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(channel, TestEnvironment.FreePort(), consoleAuth);
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // another free port on the next attempt
            }
        }
    }

    private static async Task<ProxyHost> StartOnceAsync(string channel, int port, ConsoleAuthHost[] consoleAuth)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConsoleProxyServiceExtensions).Assembly.GetName().Name,
            EnvironmentName = "Production",
        });
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["ConsoleProxy:RevocationChannel"] = channel,
            ["ConsoleProxy:AllowedOrigins:0"] = "allowed.example",
            ["ConnectionStrings:redis"] = TestEnvironment.Redis,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        for (var i = 0; i < consoleAuth.Length; i++)
        {
            settings[$"ConsoleAuthClient:Urls:{i}"] = consoleAuth[i].GrpcUrl;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddConsoleProxyServices();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapConsoleProxy();
        await app.StartAsync();
        var listener = app.Services.GetRequiredService<RevocationListener>();
        await Eventually.UntilAsync(() => listener.Subscribed, "the proxy subscribed to revocations");
        return new ProxyHost(app, port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
