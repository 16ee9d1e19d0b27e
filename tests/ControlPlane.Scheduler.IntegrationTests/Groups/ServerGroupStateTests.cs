using ControlPlane.Domain.ServerGroups;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Grains.Groups;
using ControlPlane.Scheduler.IntegrationTests.Infrastructure;

namespace ControlPlane.Scheduler.IntegrationTests.Groups;

/// <summary>
/// The group grain's view comes from the database: members placed before any grain existed (what a
/// restarted scheduler finds) count, a deleted member leaves the group (and frees its host for the policy),
/// and a released claim stops counting at once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServerGroupStateTests(SchedulerCluster cluster) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task Members_already_placed_in_the_database_count_and_a_deleted_member_frees_its_host()
    {
        var harness = new ConductorHarness(cluster);
        var (a, b, c) = (await harness.ReportingHostAsync(3), await harness.ReportingHostAsync(3), await harness.ReportingHostAsync(3));
        var group = await GroupData.InsertGroupAsync(cluster.Database, ServerGroupPolicies.AntiAffinity);
        var onA = await TestData.InsertInstanceAsync(cluster.Database, memoryMb: ConductorHarness.HugeMemoryMb, host: a, vmState: "active", taskState: null);
        var onB = await TestData.InsertInstanceAsync(cluster.Database, memoryMb: ConductorHarness.HugeMemoryMb, host: b, vmState: "active", taskState: null);
        await GroupData.AddMemberAsync(cluster.Database, group, onA);
        await GroupData.AddMemberAsync(cluster.Database, group, onB);

        var third = await NewMemberAsync(harness, group);
        await harness.Conductor.BuildAsync(third, default);
        Assert.Equal(c, (await harness.Store.GetAsync(third, default))!.Host);

        var fourth = await NewMemberAsync(harness, group);
        await harness.Conductor.BuildAsync(fourth, default);
        Assert.Equal(("error", null), ((await harness.Store.GetAsync(fourth, default))!.VmState, (await harness.Store.GetAsync(fourth, default))!.Host));

        await TestData.ScalarAsync<int>(cluster.Database, "UPDATE instances SET deleted = true, deleted_at = now(), vm_state = 'deleted' WHERE id = @i", ("i", onA));
        Assert.Equal(3, await GroupData.MemberCountAsync(cluster.Database, group));
        var fifth = await NewMemberAsync(harness, group);
        await harness.Conductor.BuildAsync(fifth, default);
        Assert.Equal(a, (await harness.Store.GetAsync(fifth, default))!.Host);
    }

    [Fact]
    public async Task A_released_in_flight_placement_stops_counting_for_the_group()
    {
        var harness = new ConductorHarness(cluster);
        var host = await harness.ReportingHostAsync(3);
        var group = await GroupData.InsertGroupAsync(cluster.Database, ServerGroupPolicies.AntiAffinity);
        var first = await NewMemberAsync(harness, group);
        var request = (await harness.Store.GetAsync(first, default))!.Flavor.ToResources();

        // Claimed through the group but not committed to the instance row: it holds the host for the group.
        Assert.Equal(host, await harness.Scheduler.ClaimRankedAsync(first, request, [host], default));
        var grain = cluster.Grains(1).GetGrain<IServerGroupGrain>(group);
        Assert.Equal(1, (await grain.GetHostMap())[host]);
        var second = await NewMemberAsync(harness, group);
        Assert.Null(await harness.Scheduler.ClaimRankedAsync(second, request, [host], default));

        await harness.Scheduler.ReleaseAsync(host, first);
        Assert.Empty(await grain.GetHostMap());
        Assert.Equal(host, await harness.Scheduler.ClaimRankedAsync(second, request, [host], default));
    }

    private async Task<Guid> NewMemberAsync(ConductorHarness harness, Guid group)
    {
        var id = await harness.NewInstanceAsync();
        await GroupData.AddMemberAsync(cluster.Database, group, id);
        return id;
    }
}
