using System.Net;
using ControlPlane.Compute.Rpc;
using ControlPlane.ConsoleAuth.Consoles;
using ControlPlane.ConsoleAuth.Grpc;
using ControlPlane.ConsoleAuth.Options;
using ControlPlane.ConsoleAuth.Tokens;
using ControlPlane.Hosting;
using ControlPlane.Hosting.Options;
using ControlPlane.Messaging.DependencyInjection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ControlPlane.ConsoleAuth.Hosting;

/// <summary>Every registration of the consoleauth service.</summary>
public static class ConsoleAuthServiceExtensions
{
    /// <summary>Address of the health endpoints when no <c>--urls</c> is given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8796";

    /// <summary>Options, Redis (<c>ConnectionStrings:redis</c>), the compute RPC client, the manager, gRPC on <c>ConsoleAuth:GrpcPort</c>.</summary>
    public static WebApplicationBuilder AddConsoleAuthServices(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ConsoleAuthOptions, ConsoleAuthOptionsValidator>(ConsoleAuthOptions.Section);
        var grpcPort = builder.Configuration.GetSection(ConsoleAuthOptions.Section).Get<ConsoleAuthOptions>()?.GrpcPort ?? new ConsoleAuthOptions().GrpcPort;
        var redis = builder.Configuration.GetConnectionString("redis") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ConnectionStrings:redis is not configured (deploy/up exports ConnectionStrings__redis in .run/env).");

        var services = builder.Services;
        // NOTE(console): abortConnect=false: the service starts (and reports not ready) while Redis is down, and reconnects.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis + ",abortConnect=false"));
        services.AddRpcMessaging(builder.Configuration).AddComputeRpcClient();
        services.AddSingleton<ConsoleTokenStore>();
        services.AddSingleton<ConsoleAuthManager>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [ServiceDefaultsExtensions.ReadyTag]);
        services.AddGrpc(o => o.Interceptors.Add<ControlPlane.Hosting.Grpc.GrpcErrorInterceptor>());
        ConfigureKestrel(builder, grpcPort);
        return builder;
    }

    /// <summary>Maps <c>controlplane.consoleauth.v1.ConsoleAuth</c> on the gRPC port only.</summary>
    public static WebApplication MapConsoleAuthEndpoints(this WebApplication app)
    {
        var grpcPort = app.Services.GetRequiredService<IOptions<ConsoleAuthOptions>>().Value.GrpcPort;
        app.MapGrpcService<ConsoleAuthGrpcService>().RequireHost($"*:{grpcPort}");
        return app;
    }

    /// <summary>HTTP/1.1 health endpoints on <c>--urls</c>, h2c gRPC on 127.0.0.1:<paramref name="grpcPort"/>.</summary>
    private static void ConfigureKestrel(WebApplicationBuilder builder, int grpcPort)
    {
        var urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : DefaultUrls;
        // NOTE(console): the endpoints below replace --urls; clearing it avoids Kestrel's "Overriding address(es)" warning.
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = string.Empty;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var raw in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var uri = new Uri(raw.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal));
                if (uri.Scheme != Uri.UriSchemeHttp || uri.Port == grpcPort)
                {
                    throw new InvalidOperationException($"--urls entry '{raw}' must be http:// on a port other than ConsoleAuth:GrpcPort {grpcPort}.");
                }
                var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
                kestrel.Listen(address, uri.Port, o => o.Protocols = HttpProtocols.Http1);
            }
            kestrel.Listen(IPAddress.Loopback, grpcPort, o => o.Protocols = HttpProtocols.Http2);
        });
    }
}
