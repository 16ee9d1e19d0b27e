using System.Text.Json;
using ControlPlane.Api.Compute.ServerGroups;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.ServerGroups;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.UnitTests.Compute;

public sealed class ServerGroupRequestTests
{
    private static ServerGroupRequest Parse(string body, int minor) => ServerGroupRequest.Parse(JsonDocument.Parse(body).RootElement, new ApiVersion(2, minor));

    [Fact]
    public void Policies_before_2_64_and_policy_with_rules_from_2_64()
    {
        Assert.Equal(new ServerGroupRequest("g", "affinity", null), Parse("""{"server_group": {"name": "g", "policies": ["affinity"]}}""", 1));
        Assert.Equal(new ServerGroupRequest("g", "soft-anti-affinity", null), Parse("""{"server_group": {"name": "g", "policies": ["soft-anti-affinity"]}}""", 15));
        Assert.Equal(new ServerGroupRequest("g", "anti-affinity", 3),
            Parse("""{"server_group": {"name": "g", "policy": "anti-affinity", "rules": {"max_server_per_host": "3"}}}""", 64));
        Assert.Equal(new ServerGroupRequest("g", "affinity", null), Parse("""{"server_group": {"name": "g", "policy": "affinity", "rules": {}}}""", 64));
    }

    [Theory]
    [InlineData("""{"server_group": {"name": "g", "policies": ["spread"]}}""", 1, "'spread' is not one of ['anti-affinity', 'affinity']")]
    [InlineData("""{"server_group": {"name": "g", "policies": ["soft-affinity"]}}""", 14, "is not one of")]
    [InlineData("""{"server_group": {"name": "g", "policies": ["affinity", "affinity"]}}""", 1, "is too long")]
    [InlineData("""{"server_group": {"name": "g", "policies": []}}""", 1, "[] is too short")]
    [InlineData("""{"server_group": {"name": "g", "policies": "affinity"}}""", 1, "is not of type 'array'")]
    [InlineData("""{"server_group": {"name": "g", "policy": "affinity", "policies": ["affinity"]}}""", 64, "'policies' was unexpected")]
    [InlineData("""{"server_group": {"name": "g", "policy": "affinity"}}""", 63, "'policy' was unexpected")]
    [InlineData("""{"server_group": {"name": "g", "policy": "affinity", "rules": {"max_server_per_host": 2}}}""", 64, "Only anti-affinity policy supports rules.")]
    [InlineData("""{"server_group": {"name": "g", "policy": "anti-affinity", "rules": {"max_server_per_host": -1}}}""", 64, "is not a positive integer")]
    [InlineData("""{"server_group": {"name": "g", "policy": "anti-affinity", "rules": {"other": 1}}}""", 64, "'other' was unexpected")]
    [InlineData("""{"server_group": {"name": "g"}}""", 64, "'policy' is a required property")]
    [InlineData("""{"server_group": {"policies": ["affinity"]}}""", 1, "'name' is a required property")]
    [InlineData("""{"server_group": {"name": "", "policies": ["affinity"]}}""", 1, "is too short")]
    [InlineData("""{"server_group": {"name": "g", "policies": ["affinity"]}, "extra": 1}""", 1, "'extra' was unexpected")]
    public void Bad_bodies_are_refused_with_novas_message(string body, int minor, string expected)
    {
        var e = Assert.Throws<InvalidException>(() => Parse(body, minor));
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void The_view_follows_the_microversion()
    {
        var member = Guid.NewGuid();
        var record = new ServerGroupRecord(Guid.NewGuid(), "p1", "u1", "g", "anti-affinity", 2, DateTimeOffset.UnixEpoch, [member]);

        var v21 = ServerGroupView.Group(record, new ApiVersion(2, 1));
        Assert.Equal(["id", "name", "policies", "metadata", "members"], v21.Select(p => p.Key));
        var v213 = ServerGroupView.Group(record, new ApiVersion(2, 13));
        Assert.Equal(["id", "name", "policies", "metadata", "members", "project_id", "user_id"], v213.Select(p => p.Key));
        var v264 = ServerGroupView.Group(record, new ApiVersion(2, 64));
        Assert.Equal(["id", "name", "policy", "rules", "members", "project_id", "user_id"], v264.Select(p => p.Key));
        Assert.Equal(2, v264["rules"]!["max_server_per_host"]!.GetValue<int>());
        Assert.Equal(member.ToString("D"), v264["members"]![0]!.GetValue<string>());
        Assert.Empty(ServerGroupView.Group(record with { MaxServerPerHost = null }, new ApiVersion(2, 64))["rules"]!.AsObject());
    }
}
