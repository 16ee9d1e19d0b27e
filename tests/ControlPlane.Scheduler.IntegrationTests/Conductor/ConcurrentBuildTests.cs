using System.Diagnostics;
using ControlPlane.Scheduler.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ControlPlane.Scheduler.IntegrationTests.Conductor;

[Trait("Category", "Integration")]
public sealed class ConcurrentBuildTests(SchedulerCluster cluster, ITestOutputHelper output) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task Concurrent_builds_through_two_conductors_fill_hosts_exactly_and_the_rest_get_no_valid_host()
    {
        // Two conductors (one per silo's grain factory) share 10 hosts that each fit 5 instances.
        var first = new ConductorHarness(cluster);
        var second = new ConductorHarness(cluster, grainsOfSilo: 1);
        var hosts = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var host = await first.ReportingHostAsync(hugeInstances: 5);
            second.Candidates.Add(host);
            hosts.Add(host);
        }
        var ids = new List<Guid>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add(await first.NewInstanceAsync());
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select((id, i) => Task.Run(() => (i % 2 == 0 ? first : second).Conductor.BuildAsync(id, default))));
        clock.Stop();

        var rows = await Task.WhenAll(ids.Select(id => first.Store.GetAsync(id, default)));
        var placed = rows.Where(r => r!.Host is not null).ToList();
        Assert.Equal(50, placed.Count);
        Assert.All(placed, r => Assert.Equal(("building", "scheduling"), (r!.VmState, r.TaskState!)));
        Assert.All(rows.Where(r => r!.Host is null), r => Assert.Equal("error", r!.VmState));
        foreach (var host in hosts)
        {
            var usage = await first.UsageAsync(host);
            Assert.Equal(5, usage.Claims);
            Assert.Equal(5, placed.Count(r => r!.Host == host));
            Assert.True(usage.Used.MemoryMb <= usage.Limits.MemoryMb);
        }
        Assert.Equal(50, first.Rpc.Casts.Count + second.Rpc.Casts.Count);
        output.WriteLine($"200 builds (50 placed, 150 no valid host) through 2 conductors in {clock.Elapsed.TotalMilliseconds:F0} ms: {200 / clock.Elapsed.TotalSeconds:F0} builds/s");
    }
}
