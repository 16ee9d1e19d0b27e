using ControlPlane.ConsoleProxy.Options;
using ControlPlane.ConsoleProxy.Proxy;
using ControlPlane.Hosting;
using ControlPlane.Hosting.Options;
using ControlPlane.Messaging.ConsoleAuth;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ControlPlane.ConsoleProxy.Hosting;

/// <summary>Every registration and route of the console proxy.</summary>
public static class ConsoleProxyServiceExtensions
{
    /// <summary>Options, the consoleauth client, Redis (revocations), the websocket handler.</summary>
    public static WebApplicationBuilder AddConsoleProxyServices(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ConsoleProxyOptions, ConsoleProxyOptionsValidator>(ConsoleProxyOptions.Section);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:6080");
        }
        var redis = builder.Configuration.GetConnectionString("redis") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ConnectionStrings:redis is not configured (deploy/up exports ConnectionStrings__redis in .run/env).");
        var services = builder.Services;
        services.AddConsoleAuthClient(builder.Configuration);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis + ",abortConnect=false"));
        services.AddSingleton<OpenConsoles>();
        services.AddSingleton<ConsoleWebSocketHandler>();
        services.AddSingleton<RevocationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<RevocationListener>());
        services.AddHealthChecks().AddCheck<RevocationHealthCheck>("revocations", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>noVNC's files (<c>/vnc_lite.html</c>, <c>/vnc_auto.html</c>, ...) and the websocket paths <c>/</c> and <c>/websockify</c>.</summary>
    public static WebApplication MapConsoleProxy(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ConsoleProxyOptions>>().Value;
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new NoVncFileProvider(options.NoVncDirectory) });
        var handler = app.Services.GetRequiredService<ConsoleWebSocketHandler>();
        app.Map("/", handler.HandleAsync);
        app.Map("/websockify", handler.HandleAsync);
        return app;
    }
}
