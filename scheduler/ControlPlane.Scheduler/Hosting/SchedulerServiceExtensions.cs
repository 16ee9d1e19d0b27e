using System.Net;
using ControlPlane.Data.DependencyInjection;
using ControlPlane.Hosting.Grpc;
using ControlPlane.Hosting.Options;
using ControlPlane.Scheduler.Conductor;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Groups;
using ControlPlane.Scheduler.Grains.Hosts;
using ControlPlane.Scheduler.Grains.Options;
using ControlPlane.Scheduler.Grpc;
using ControlPlane.Scheduler.Options;
using ControlPlane.Scheduler.Scheduling;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ControlPlane.Scheduler.Hosting;

/// <summary>Every registration of the scheduler service (scheduler + conductor roles).</summary>
public static class SchedulerServiceExtensions
{
    /// <summary>Options, data access, managers, the build reaper, the Orleans silo and the gRPC endpoint.</summary>
    public static WebApplicationBuilder AddSchedulerServices(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SchedulerOptions, SchedulerOptionsValidator>(SchedulerOptions.Section);
        builder.AddValidatedOptions<SchedulerSiloOptions, SchedulerSiloOptionsValidator>(SchedulerSiloOptions.Section);
        var scheduler = Bind<SchedulerOptions, SchedulerOptionsValidator>(builder.Configuration, SchedulerOptions.Section);
        var silo = Bind<SchedulerSiloOptions, SchedulerSiloOptionsValidator>(builder.Configuration, SchedulerSiloOptions.Section);

        var services = builder.Services;
        // Registered before the Orleans silo: migrations finish before any host grain reads the schema.
        services.AddControlPlaneDatabase(builder.Configuration, applyMigrations: true);
        // Hosted services start in registration order: the silo is up before the reaper and the
        // conductor consumer make their first grain call.
        var redis = RequiredConnectionString(builder.Configuration, "redis");
        builder.UseOrleans(orleans => orleans
            .UseRedisClustering(redis)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ServiceId))
            .ConfigureEndpoints(IPAddress.Loopback, silo.SiloPort, silo.GatewayPort));
        services.AddSingleton<BuildStateStore>();
        services.AddSingleton<InstanceUpdateStore>();
        services.AddSingleton<ServiceStore>();
        services.AddSingleton<IComputeServiceSource>(sp => sp.GetRequiredService<ServiceStore>());
        services.AddSingleton<StuckBuildStore>();
        services.AddSingleton<IHostClaimSource, PostgresHostClaimSource>();
        services.AddSingleton<IServerGroupSource, PostgresServerGroupSource>();
        services.AddSingleton<SchedulerService>();
        services.AddSingleton<ConductorManager>();
        services.AddSingleton<IStuckBuildSweeper>(sp => sp.GetRequiredService<ConductorManager>());
        services.AddSingleton<InstanceUpdateManager>();
        services.AddSingleton<UnshelveStateStore>();
        services.AddSingleton<UnshelveManager>();
        services.AddSingleton<HostReportManager>();
        services.AddHostedService<BuildReaper>();
        services.AddSingleton<ControlPlane.Data.Resize.MigrationStore>();
        services.AddSingleton<ControlPlane.Data.Instances.InstanceWriter>();
        services.AddSingleton<ResizeStateStore>();
        services.AddSingleton<Resize.ResizeScheduler>();
        services.AddSingleton<Resize.ResizeFlow>();
        services.AddSingleton<Resize.ResizeAutoConfirmer>();
        services.AddHostedService(sp => sp.GetRequiredService<Resize.ResizeAutoConfirmer>());
        builder.AddConductorConsumer();

        services.AddGrpc(o => o.Interceptors.Add<GrpcErrorInterceptor>());
        builder.WebHost.ConfigureKestrel(k => ControlPlane.Hosting.Grpc.GrpcKestrelEndpoints.Configure(
            k, builder.Configuration["urls"], "http://127.0.0.1:8792", System.Net.IPAddress.Loopback, scheduler.GrpcPort, "Scheduler:GrpcPort"));
        return builder;
    }

    /// <summary>Maps the <c>controlplane.scheduler.v1.Scheduler</c> gRPC service (served on <c>Scheduler:GrpcPort</c>).</summary>
    public static WebApplication MapSchedulerEndpoints(this WebApplication app)
    {
        var grpcPort = app.Services.GetRequiredService<IOptions<SchedulerOptions>>().Value.GrpcPort;
        app.MapGrpcService<SchedulerGrpcService>().RequireHost($"*:{grpcPort}");
        return app;
    }

    private static T Bind<T, TValidator>(IConfiguration configuration, string section)
        where T : class, new()
        where TValidator : IValidateOptions<T>, new()
    {
        // The silo and Kestrel are configured before the host starts, so validate these values now too.
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var result = new TValidator().Validate(null, options);
        return result.Failed ? throw new OptionsValidationException(section, typeof(T), result.Failures) : options;
    }

    private static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"ConnectionStrings:{name} is not configured (deploy/up exports ConnectionStrings__{name} in .run/env).");
}
