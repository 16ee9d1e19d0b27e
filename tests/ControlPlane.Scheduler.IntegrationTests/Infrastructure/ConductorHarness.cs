using ControlPlane.Compute.Rpc;
using ControlPlane.Data.Instances;
using ControlPlane.Data.Resize;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Conductor;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Grains.Groups;
using ControlPlane.Scheduler.Grains.Hosts;
using ControlPlane.Scheduler.Grains.Options;
using ControlPlane.Scheduler.Resize;
using ControlPlane.Scheduler.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Scheduler.IntegrationTests.Infrastructure;

/// <summary>The conductor's managers wired as in the service, on the real database and the test cluster.</summary>
public sealed class ConductorHarness
{
    /// <summary>
    /// RAM of the flavor the harness builds: larger than any real compute's, so that in the shared
    /// database only this test's fictitious hosts can take it.
    /// </summary>
    public const int HugeMemoryMb = 4_000_000;

    public ConductorHarness(SchedulerCluster cluster, SchedulerOptions? options = null, int grainsOfSilo = 0)
    {
        Cluster = cluster;
        var time = TimeProvider.System;
        var opts = Microsoft.Extensions.Options.Options.Create(options ?? new SchedulerOptions());
        var db = cluster.Database;
        Store = new BuildStateStore(db, time);
        var services = new ServiceStore(db, time);
        Candidates = new OwnHostsOnly(services);
        Scheduler = new SchedulerService(Candidates, cluster.Grains(grainsOfSilo), new PostgresServerGroupSource(db), opts, time, NullLogger<SchedulerService>.Instance);
        Conductor = new ConductorManager(Store, new StuckBuildStore(db), Scheduler, new ComputeRpcClient(Rpc), opts, time, NullLogger<ConductorManager>.Instance);
        Migrations = new MigrationStore(db, time);
        var resizeStates = new ResizeStateStore(db, new InstanceStateStore(db, time), time);
        Resize = new ResizeScheduler(Store, Migrations, resizeStates, Scheduler, new ComputeRpcClient(Rpc), opts, time, NullLogger<ResizeScheduler>.Instance);
        ResizeFlow = new ResizeFlow(Store, Migrations, resizeStates, Scheduler, new ComputeRpcClient(Rpc), time, NullLogger<ResizeFlow>.Instance);
        Updates = new InstanceUpdateManager(new InstanceUpdateStore(db, new InstanceStateStore(db, time), time), Scheduler, ResizeFlow, NullLogger<InstanceUpdateManager>.Instance);
        Reports = new HostReportManager(services, Store, Scheduler, NullLogger<HostReportManager>.Instance);
        Unshelve = new UnshelveManager(Store, new UnshelveStateStore(db, time), Scheduler, Candidates, new ComputeRpcClient(Rpc), time,
            NullLogger<UnshelveManager>.Instance);
    }

    public SchedulerCluster Cluster { get; }

    public RecordingRpcClient Rpc { get; } = new();

    /// <summary>The hosts this harness's scheduler may pick.</summary>
    public OwnHostsOnly Candidates { get; }

    public BuildStateStore Store { get; }

    public SchedulerService Scheduler { get; }

    public ConductorManager Conductor { get; }

    public InstanceUpdateManager Updates { get; }

    public MigrationStore Migrations { get; }

    public ResizeScheduler Resize { get; }

    public ResizeFlow ResizeFlow { get; }

    public HostReportManager Reports { get; }

    public UnshelveManager Unshelve { get; }

    /// <summary>A fresh host that reports enough RAM for <paramref name="hugeInstances"/> instances of the huge flavor.</summary>
    public async Task<string> ReportingHostAsync(int hugeInstances = 1)
    {
        var host = TestData.UniqueHost();
        // limit = memory * 1.5 must hold n * HugeMemoryMb but not n + 1.
        var memory = (long)Math.Ceiling(hugeInstances * HugeMemoryMb / 1.5) + 1;
        await TestData.InsertDisabledServiceAsync(Cluster.Database, host);
        await Reports.RecordReportAsync(host, ComputeService.Binary, new ComputeCapacity { MemoryMb = memory, Vcpus = 8, LocalGb = 1000 }, ["Snapshot"], default);
        Candidates.Add(host);
        return host;
    }

    /// <summary>Inserts an instance of the huge flavor in building/scheduling.</summary>
    public Task<Guid> NewInstanceAsync() => TestData.InsertInstanceAsync(Cluster.Database, memoryMb: HugeMemoryMb, vcpus: 1, rootGb: 1);

    /// <summary>Claims held on <paramref name="host"/>.</summary>
    public async Task<HostUsage> UsageAsync(string host) => await Cluster.Grains(1).GetGrain<IHostGrain>(host).GetUsage();
}
