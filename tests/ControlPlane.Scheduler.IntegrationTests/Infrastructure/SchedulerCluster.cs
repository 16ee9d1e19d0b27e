using System.Net;
using ControlPlane.Data.Migrations;
using ControlPlane.Scheduler.Grains.Groups;
using ControlPlane.Scheduler.Grains.Hosts;
using ControlPlane.Scheduler.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;

namespace ControlPlane.Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// Two Orleans silos in this process, clustered through the real Redis of <c>.run/env</c> under a
/// cluster id unique to this fixture, each with the real PostgreSQL claim source: what two scheduler
/// replicas run. The controlplane schema is migrated first.
/// </summary>
public sealed class SchedulerCluster : IAsyncLifetime
{
    private readonly List<IHost> silos = [];

    /// <summary>The controlplane database.</summary>
    public NpgsqlDataSource Database { get; } = NpgsqlDataSource.Create(TestEnvironment.ControlPlaneDatabase);

    /// <summary>Unique cluster id of this fixture.</summary>
    public string ClusterId { get; } = "cp-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Grain factory of silo 0 or 1.</summary>
    public IGrainFactory Grains(int silo) => silos[silo].Services.GetRequiredService<IGrainFactory>();

    /// <summary>Number of silos.</summary>
    public int SiloCount => silos.Count;

    public async Task InitializeAsync()
    {
        await new MigrationRunner(Database).ApplyAsync(typeof(MigrationRunner).Assembly, "controlplane.sql.");
        for (var i = 0; i < 2; i++)
        {
            var silo = BuildSilo();
            await silo.StartAsync();
            silos.Add(silo);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Enumerable.Reverse(silos))
        {
            await silo.StopAsync();
            silo.Dispose();
        }
        await Database.DisposeAsync();
    }

    private IHost BuildSilo()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(Database);
        builder.Services.AddSingleton<IHostClaimSource, PostgresHostClaimSource>();
        builder.Services.AddSingleton<IServerGroupSource, PostgresServerGroupSource>();
        builder.Services.AddOptions<SchedulerOptions>();
        var redis = TestEnvironment.Redis;
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        builder.UseOrleans(orleans => orleans
            .UseRedisClustering(redis)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, "scheduler-tests"))
            .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort));
        return builder.Build();
    }
}
