using ControlPlane.Domain.ServerGroups;
using ControlPlane.Scheduler.Grains.Groups;

namespace ControlPlane.Scheduler.UnitTests.Groups;

public sealed class GroupPlacementTests
{
    private static readonly IReadOnlyList<string> Ranked = ["h1", "h2", "h3", "h4"];
    private static readonly Guid Placing = Guid.NewGuid();

    private static Dictionary<string, int> Map(params (string Host, int Count)[] entries) => entries.ToDictionary(e => e.Host, e => e.Count);

    [Fact]
    public void Anti_affinity_drops_every_host_holding_a_member()
    {
        var allowed = GroupPlacement.Candidates(ServerGroupPolicies.AntiAffinity, 1, Map(("h1", 1), ("h3", 1)), Ranked);
        Assert.Equal(["h2", "h4"], allowed);
    }

    [Fact]
    public void Anti_affinity_with_max_server_per_host_keeps_hosts_below_the_limit()
    {
        var allowed = GroupPlacement.Candidates(ServerGroupPolicies.AntiAffinity, 2, Map(("h1", 2), ("h2", 1), ("h3", 3)), Ranked);
        Assert.Equal(["h2", "h4"], allowed);
    }

    [Fact]
    public void Affinity_lets_the_first_member_pick_and_then_keeps_its_host()
    {
        Assert.Equal(Ranked, GroupPlacement.Candidates(ServerGroupPolicies.Affinity, 1, Map(), Ranked));
        Assert.Equal(["h3"], GroupPlacement.Candidates(ServerGroupPolicies.Affinity, 1, Map(("h3", 4)), Ranked));
        Assert.Empty(GroupPlacement.Candidates(ServerGroupPolicies.Affinity, 1, Map(("h9", 1)), Ranked));
    }

    [Fact]
    public void Soft_policies_keep_every_host_and_reorder_by_members_with_the_ranking_breaking_ties()
    {
        var map = Map(("h2", 2), ("h3", 1), ("h4", 2));
        Assert.Equal(["h2", "h4", "h3", "h1"], GroupPlacement.Candidates(ServerGroupPolicies.SoftAffinity, 1, map, Ranked));
        Assert.Equal(["h1", "h3", "h2", "h4"], GroupPlacement.Candidates(ServerGroupPolicies.SoftAntiAffinity, 1, map, Ranked));
    }

    [Fact]
    public void An_unknown_policy_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupPlacement.Candidates("cluster", 1, Map(), Ranked));
    }

    [Fact]
    public void The_host_map_counts_committed_and_in_flight_members_but_not_the_one_being_placed()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        GroupMember[] members = [new(a, "h1", "active"), new(b, null, "building"), new(c, "h1", "resized"), new(Placing, "h2", "active")];
        var reservations = new Dictionary<Guid, string> { [b] = "h3", [c] = "h4", [Placing] = "h4" };

        var map = GroupPlacement.HostMap(members, reservations, Placing);

        Assert.Equal(Map(("h1", 2), ("h3", 1), ("h4", 1)), map);
    }

    [Fact]
    public void A_reservation_settles_when_committed_or_when_the_member_is_gone_or_ended_without_a_host()
    {
        var id = Guid.NewGuid();
        Assert.True(GroupPlacement.IsSettled(null, "h1"));
        Assert.True(GroupPlacement.IsSettled(new GroupMember(id, "h1", "building"), "h1"));
        Assert.True(GroupPlacement.IsSettled(new GroupMember(id, null, "error"), "h1"));
        Assert.False(GroupPlacement.IsSettled(new GroupMember(id, null, "building"), "h1"));
        Assert.False(GroupPlacement.IsSettled(new GroupMember(id, "h2", "resized"), "h1"));
    }

    [Fact]
    public void Only_affinity_and_anti_affinity_are_hard()
    {
        Assert.True(ServerGroupPolicies.IsHard(ServerGroupPolicies.Affinity));
        Assert.True(ServerGroupPolicies.IsHard(ServerGroupPolicies.AntiAffinity));
        Assert.False(ServerGroupPolicies.IsHard(ServerGroupPolicies.SoftAffinity));
        Assert.False(ServerGroupPolicies.IsHard(ServerGroupPolicies.SoftAntiAffinity));
    }
}
