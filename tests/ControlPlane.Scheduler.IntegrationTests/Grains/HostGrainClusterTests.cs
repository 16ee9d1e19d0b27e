using System.Collections.Concurrent;
using System.Diagnostics;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Grains.Hosts;
using ControlPlane.Scheduler.IntegrationTests.Infrastructure;
using Orleans.Core.Internal;
using Xunit.Abstractions;

namespace ControlPlane.Scheduler.IntegrationTests.Grains;

[Trait("Category", "Integration")]
public sealed class HostGrainClusterTests(SchedulerCluster cluster, ITestOutputHelper output) : IClassFixture<SchedulerCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_claims_from_two_silos_never_exceed_any_host()
    {
        // 10 hosts of 1000 MB (limit 1500 MB at ratio 1.5), 4 vCPUs, 100 GB; 500 instances of 128 MB
        // race for them through both silos: exactly 11 fit per host, 110 in all.
        var hosts = Enumerable.Range(0, 10).Select(_ => TestData.UniqueHost()).ToArray();
        foreach (var host in hosts)
        {
            await cluster.Grains(0).GetGrain<IHostGrain>(host).UpdateCapacity(Resources.ForHost(1000, 4, 100));
        }
        var request = new Resources(128, 1, 1024);
        var placed = new ConcurrentDictionary<Guid, string>();
        var clock = Stopwatch.StartNew();
        var attempts = 0;

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
        {
            var grains = cluster.Grains(i % cluster.SiloCount);
            var instanceId = Guid.NewGuid();
            foreach (var host in hosts.OrderBy(_ => Random.Shared.Next()))
            {
                Interlocked.Increment(ref attempts);
                var outcome = await grains.GetGrain<IHostGrain>(host).TryClaim(instanceId, request);
                if (outcome == ClaimOutcome.Claimed)
                {
                    placed[instanceId] = host;
                    return;
                }
            }
        })));
        clock.Stop();

        Assert.Equal(110, placed.Count);
        foreach (var host in hosts)
        {
            var usage = await cluster.Grains(1).GetGrain<IHostGrain>(host).GetUsage();
            Assert.True(usage.Used.MemoryMb <= usage.Limits.MemoryMb, $"{host} over its RAM limit: {usage.Used.MemoryMb} > {usage.Limits.MemoryMb}");
            Assert.Equal(placed.Count(p => p.Value == host), usage.Claims);
            Assert.Equal(usage.Claims * 128L, usage.Used.MemoryMb);
        }
        output.WriteLine($"{attempts} claim attempts ({placed.Count} granted) in {clock.Elapsed.TotalMilliseconds:F0} ms: {attempts / clock.Elapsed.TotalSeconds:F0} claims/s");
    }

    [Fact]
    public async Task Claims_are_idempotent_per_instance_across_silos()
    {
        var host = TestData.UniqueHost();
        await cluster.Grains(0).GetGrain<IHostGrain>(host).UpdateCapacity(Resources.ForHost(1000, 4, 100));
        var id = Guid.NewGuid();
        Assert.Equal(ClaimOutcome.Claimed, await cluster.Grains(0).GetGrain<IHostGrain>(host).TryClaim(id, new Resources(600, 1, 0)));
        Assert.Equal(ClaimOutcome.AlreadyClaimed, await cluster.Grains(1).GetGrain<IHostGrain>(host).TryClaim(id, new Resources(600, 1, 0)));
        Assert.True(await cluster.Grains(1).GetGrain<IHostGrain>(host).Release(id));
        Assert.False(await cluster.Grains(0).GetGrain<IHostGrain>(host).Release(id));
        Assert.Equal(0, (await cluster.Grains(0).GetGrain<IHostGrain>(host).GetUsage()).Claims);
    }

    [Fact]
    public async Task Activation_rebuilds_claims_and_capacity_from_the_database()
    {
        var host = TestData.UniqueHost();
        await using (var node = cluster.Database.CreateCommand("""
            INSERT INTO compute_nodes (host, hypervisor_hostname, hypervisor_type, memory_mb, memory_mb_used, vcpus, vcpus_used,
                                       local_gb, local_gb_used, running_vms, updated_at)
            VALUES (@host, @host, 'fake', 2048, 0, 4, 0, 50, 0, 0, now())
            """))
        {
            node.Parameters.AddWithValue("host", host);
            await node.ExecuteNonQueryAsync();
        }
        await TestData.InsertInstanceAsync(cluster.Database, memoryMb: 512, vcpus: 1, rootGb: 1, host: host, vmState: "active", taskState: null);
        await TestData.InsertInstanceAsync(cluster.Database, memoryMb: 1024, vcpus: 2, rootGb: 10, host: host, vmState: "error", taskState: null);
        await TestData.InsertInstanceAsync(cluster.Database, memoryMb: 4096, host: host, vmState: "deleted", taskState: null, deleted: true);

        var usage = await cluster.Grains(0).GetGrain<IHostGrain>(host).GetUsage();
        Assert.True(usage.CapacityKnown);
        Assert.Equal(Resources.ForHost(2048, 4, 50), usage.Totals);
        Assert.Equal(2, usage.Claims);
        Assert.Equal(new Resources(1536, 3, 11 * 1024), usage.Used);

        // A placement committed while the grain is not active is seen by the next activation.
        await TestData.InsertInstanceAsync(cluster.Database, memoryMb: 256, host: host, vmState: "building", taskState: "spawning");
        Assert.Equal(2, (await cluster.Grains(1).GetGrain<IHostGrain>(host).GetUsage()).Claims);
        await cluster.Grains(0).GetGrain<IHostGrain>(host).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.UntilAsync(async () => (await cluster.Grains(1).GetGrain<IHostGrain>(host).GetUsage()).Claims, claims => claims == 3,
            "the host grain is reactivated and rebuilt with the new placement", Deadline);
        Assert.Equal(1792, (await cluster.Grains(0).GetGrain<IHostGrain>(host).GetUsage()).Used.MemoryMb);
    }
}
