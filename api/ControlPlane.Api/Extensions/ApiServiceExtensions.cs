using System.Net;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Compute.KeyPairs;
using ControlPlane.Api.Compute.ServerGroups;
using ControlPlane.Api.Compute.Metadata;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Grpc;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Api.Policy;
using ControlPlane.Compute.Rpc;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Data.DependencyInjection;
using ControlPlane.Data.Flavors;
using ControlPlane.Data.Identity;
using ControlPlane.Data.Instances;
using ControlPlane.Hosting.Grpc;
using ControlPlane.Hosting.Options;
using ControlPlane.Messaging.DependencyInjection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Extensions;

/// <summary>Every registration of the api service.</summary>
public static class ApiServiceExtensions
{
    /// <summary>Options, Kestrel endpoints (REST HTTP/1.1 on --urls, gRPC h2c on Api:GrpcUrl), data, messaging, identity, compute, gRPC.</summary>
    public static IHostApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(ApiOptions.Section);
        builder.AddValidatedOptions<IdentityOptions, IdentityOptionsValidator>(IdentityOptions.Section);
        builder.Services.AddSingleton<IPostConfigureOptions<IdentityOptions>, DevelopmentSigningKey>();
        ConfigureKestrel(builder);

        var services = builder.Services;
        services.AddControlPlaneDatabase(builder.Configuration, applyMigrations: true);
        services.AddRpcMessaging(builder.Configuration).AddComputeRpcClient().AddConductorRpcClient();

        services.AddSingleton<IdentityStore>();
        services.AddSingleton<FlavorStore>();
        services.AddSingleton<InstanceRepository>();
        services.AddSingleton<InstanceWriter>();
        services.AddSingleton<InstanceLockStore>();
        services.AddSingleton<InstanceActionStore>();
        services.AddSingleton<ControlPlane.Data.Resize.MigrationStore>();
        services.AddSingleton<TokenCodec>();
        services.AddSingleton<IPasswordKeyDerivation>(Pbkdf2KeyDerivation.Instance);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<StreamTokenWatch>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<IdentityService>();
        services.AddHostedService<IdentitySeeder>();

        services.AddHttpClient<ImageServiceClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<ApiOptions>>().Value;
            http.BaseAddress = new Uri(o.ImageServiceUrl.TrimEnd('/') + "/");
            http.Timeout = o.ImageServiceTimeout;
        });
        services.AddSingleton(sp => PolicyRuleSet.Load(sp.GetRequiredService<IOptions<ApiOptions>>().Value.PolicyFile));
        services.AddSingleton<IComputePolicy, RuleBasedComputePolicy>();
        services.AddScoped<ServerReader>();
        services.AddScoped<ServerCreator>();
        services.AddScoped<ServerUpdater>();
        services.AddScoped<ServerDeleter>();
        services.AddScoped<ControlPlane.Api.Compute.Shelve.ShelvedImages>();
        services.AddServerActions();
        services.AddKeyPairs();
        services.AddServerGroups();
        services.AddServerMetadataAndTags();
        services.AddRemoteConsoles(builder.Configuration);

        services.AddSingleton<InstanceChangeHub>();
        services.AddHostedService(sp => sp.GetRequiredService<InstanceChangeHub>());
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<GrpcErrorInterceptor>();
            o.Interceptors.Add<BearerAuthInterceptor>();
            o.Interceptors.Add<GrpcPolicyInterceptor>();
        });
        return builder;
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder)
    {
        var rest = (builder.Configuration["urls"] ?? "http://127.0.0.1:8774").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var grpc = builder.Configuration[ApiOptions.Section + ":" + nameof(ApiOptions.GrpcUrl)] ?? new ApiOptions().GrpcUrl;
        // NOTE(api): the endpoints below replace --urls; clearing it avoids Kestrel's "Overriding address(es)" warning.
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = string.Empty;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in rest)
            {
                Listen(kestrel, url, HttpProtocols.Http1);
            }
            Listen(kestrel, grpc, HttpProtocols.Http2);
        });
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var uri = new Uri(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal));
        if (uri.Scheme != "http")
        {
            throw new InvalidOperationException($"Only http:// endpoints are supported here (TLS terminates in front of the api): {url}");
        }
        if (IPAddress.TryParse(uri.Host, out var address))
        {
            kestrel.Listen(address, uri.Port, o => o.Protocols = protocols);
        }
        else
        {
            kestrel.ListenLocalhost(uri.Port, o => o.Protocols = protocols);
        }
    }
}
