using ControlPlane.Data.Migrations;
using ControlPlane.Data.Resilience;
using ControlPlane.Hosting;
using ControlPlane.Hosting.Options;
using ControlPlane.Hosting.Resilience;
using ControlPlane.Hosting.RequestText;
using ControlPlane.ImageStore.Auth;
using ControlPlane.ImageStore.Data;
using ControlPlane.ImageStore.Http;
using ControlPlane.ImageStore.Images;
using ControlPlane.ImageStore.Options;
using ControlPlane.ImageStore.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ControlPlane.ImageStore.Hosting;

/// <summary>Every registration and route of the image service.</summary>
public static class ImageStoreExtensions
{
    /// <summary>Path prefixes the API is served under: the root (<c>/v2/...</c>) and <c>/image</c>.</summary>
    public static readonly string[] Prefixes = ["", "/image"];

    /// <summary>Registers options, the <c>imagestore</c> database, the store, the services and token validation.</summary>
    public static IHostApplicationBuilder AddImageStoreServices(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ImageStoreOptions, ImageStoreOptionsValidator>(ImageStoreOptions.SectionName);
        builder.AddValidatedOptions<IdentityOptions, IdentityOptionsValidator>(IdentityOptions.SectionName);

        // NOTE: the imagestore database is not the controlplane one; registered here until
        // ControlPlane.Data offers a helper for a second database.
        var connectionString = builder.Configuration.GetConnectionString("imagestore");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:imagestore (env ConnectionStrings__imagestore) is not set.");
        }
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        // A dropped database connection is retried or answered 503 (the shared policy), never 500.
        builder.Services.AddTransientFaultClassifier<NpgsqlTransientFaultClassifier>();
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddHostedService<ImageStoreMigrationService>();
        builder.Services.AddHostedService<InterruptedUploadReaper>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("imagestore-db", tags: [ServiceDefaultsExtensions.ReadyTag]);

        builder.Services.AddSingleton<ImageRepository>();
        builder.Services.AddSingleton<IImageStore, FileSystemImageStore>();
        builder.Services.AddSingleton<ImageService>();
        builder.Services.AddSingleton<ImageDataService>();
        builder.Services.AddSingleton<ImageMemberRepository>();
        builder.Services.AddSingleton<ImageMemberService>();

        builder.Services.AddMemoryCache(o => o.SizeLimit = 100_000);
        builder.Services.AddHttpClient<ITokenValidator, KeystoneTokenValidator>();

        // Small cap for every body; the image data route lifts it for its own requests.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ImageStoreOptions>>((kestrel, options) => kestrel.Limits.MaxRequestBodySize = options.Value.MaxJsonBodyBytes);
        return builder;
    }

    /// <summary>Maps the versions documents and the v2 API under every prefix, behind token validation.</summary>
    public static WebApplication MapImageStoreEndpoints(this WebApplication app)
    {
        app.UseMiddleware<GlanceErrorMiddleware>();
        app.UseTransientFaults();
        app.UseMiddleware<RequestTextMiddleware>();
        app.UseMiddleware<EmptyImageIdMiddleware>();
        foreach (var prefix in Prefixes)
        {
            app.MapVersions(prefix);
            var v2 = app.MapGroup(prefix + "/v2").AddEndpointFilter<TokenAuthFilter>();
            v2.MapImages();
            v2.MapImageData();
            v2.MapImageMembers();
            v2.MapSchemas();
        }
        return app;
    }
}
