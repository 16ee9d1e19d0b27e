using System.Diagnostics;
using ControlPlane.Domain.ServerGroups;
using ControlPlane.Scheduler.Conductor;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ControlPlane.Scheduler.IntegrationTests.Groups;

/// <summary>
/// Concurrent builds of one server group's members through two conductors, each on its own silo of the
/// real Orleans cluster (two scheduler processes): hard policies hold exactly, whichever scheduler
/// handles a member, and the members that find no allowed host end in ERROR with Nova's NoValidHost.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServerGroupPlacementTests(SchedulerCluster cluster, ITestOutputHelper output) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task Twenty_concurrent_anti_affinity_members_over_ten_hosts_through_two_schedulers_place_ten_on_distinct_hosts_and_refuse_ten()
    {
        var (rows, hosts, first) = await BuildGroupAsync(ServerGroupPolicies.AntiAffinity, null, members: 20, hosts: 10, hugeInstancesPerHost: 5);

        var placed = rows.Where(r => r.Host is not null).ToList();
        Assert.Equal(10, placed.Count);
        Assert.Equal(10, placed.Select(r => r.Host).Distinct().Count());
        Assert.All(placed, r => Assert.Contains(r.Host!, hosts));
        var refused = rows.Where(r => r.Host is null).ToList();
        Assert.Equal(10, refused.Count);
        foreach (var row in refused)
        {
            Assert.Equal("error", row.VmState);
            Assert.Equal(BuildFaults.NoValidHostMessage, await GroupData.FaultAsync(cluster.Database, row.Id));
        }
        foreach (var host in hosts)
        {
            Assert.Equal(1, (await first.UsageAsync(host)).Claims);
        }
    }

    [Fact]
    public async Task Twenty_concurrent_affinity_members_all_land_on_one_host()
    {
        var (rows, hosts, first) = await BuildGroupAsync(ServerGroupPolicies.Affinity, null, members: 20, hosts: 10, hugeInstancesPerHost: 20);

        Assert.All(rows, r => Assert.NotNull(r.Host));
        var host = Assert.Single(rows.Select(r => r.Host).Distinct());
        Assert.Equal(20, (await first.UsageAsync(host!)).Claims);
        Assert.Equal(9, hosts.Count(h => h != host));
    }

    [Fact]
    public async Task Anti_affinity_with_max_server_per_host_two_never_puts_three_on_a_host()
    {
        var (rows, hosts, _) = await BuildGroupAsync(ServerGroupPolicies.AntiAffinity, 2, members: 25, hosts: 10, hugeInstancesPerHost: 5);

        var perHost = rows.Where(r => r.Host is not null).GroupBy(r => r.Host!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(20, perHost.Values.Sum());
        Assert.All(hosts, h => Assert.Equal(2, perHost[h]));
        Assert.Equal(5, rows.Count(r => r.Host is null && r.VmState == "error"));
    }

    [Fact]
    public async Task Soft_anti_affinity_spreads_evenly_and_places_everyone()
    {
        var (rows, hosts, _) = await BuildGroupAsync(ServerGroupPolicies.SoftAntiAffinity, null, members: 20, hosts: 10, hugeInstancesPerHost: 5);

        Assert.All(rows, r => Assert.NotNull(r.Host));
        Assert.All(hosts, h => Assert.Equal(2, rows.Count(r => r.Host == h)));
    }

    [Fact]
    public async Task Soft_affinity_packs_members_and_overflows_only_when_a_host_is_full()
    {
        var (rows, _, _) = await BuildGroupAsync(ServerGroupPolicies.SoftAffinity, null, members: 12, hosts: 10, hugeInstancesPerHost: 5);

        Assert.All(rows, r => Assert.NotNull(r.Host));
        var counts = rows.GroupBy(r => r.Host).Select(g => g.Count()).OrderDescending().ToList();
        Assert.Equal([5, 5, 2], counts);
    }

    private async Task<(IReadOnlyList<InstanceRecord> Rows, IReadOnlyList<string> Hosts, ConductorHarness First)> BuildGroupAsync(
        string policy, int? maxServerPerHost, int members, int hosts, int hugeInstancesPerHost)
    {
        var first = new ConductorHarness(cluster);
        var second = new ConductorHarness(cluster, grainsOfSilo: 1);
        var hostNames = new List<string>();
        for (var i = 0; i < hosts; i++)
        {
            var host = await first.ReportingHostAsync(hugeInstancesPerHost);
            second.Candidates.Add(host);
            hostNames.Add(host);
        }
        var group = await GroupData.InsertGroupAsync(cluster.Database, policy, maxServerPerHost);
        var ids = new List<Guid>();
        for (var i = 0; i < members; i++)
        {
            var id = await first.NewInstanceAsync();
            await GroupData.AddMemberAsync(cluster.Database, group, id);
            ids.Add(id);
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select((id, i) => Task.Run(() => (i % 2 == 0 ? first : second).Conductor.BuildAsync(id, default))));
        clock.Stop();
        var rows = (await Task.WhenAll(ids.Select(id => first.Store.GetAsync(id, default)))).Select(r => r!).ToList();
        output.WriteLine($"{policy} (max_server_per_host {maxServerPerHost?.ToString() ?? "-"}): {members} members over {hosts} hosts through 2 schedulers in " +
            $"{clock.Elapsed.TotalMilliseconds:F0} ms: {rows.Count(r => r.Host is not null)} placed on {rows.Where(r => r.Host is not null).Select(r => r.Host).Distinct().Count()} hosts, " +
            $"{rows.Count(r => r.Host is null)} no valid host");
        return (rows, hostNames, first);
    }
}
