using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.UnitTests.Infrastructure;

namespace ControlPlane.Api.UnitTests.Compute;

/// <summary>Every rendered server body validates against the tempest schema tempest itself picks at that microversion.</summary>
public sealed class ServerViewSchemaTests
{
    public static TheoryData<string, bool> VersionsAndRoles()
    {
        var data = new TheoryData<string, bool>();
        foreach (var v in TempestSchemas.AllVersions())
        {
            data.Add(v.ToString(), false);
            data.Add(v.ToString(), true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(VersionsAndRoles))]
    public void Show_matches_get_server(string microversion, bool admin)
    {
        var version = MicroversionNegotiator.Parse(microversion);
        foreach (var instance in Samples.All())
        {
            var body = new JsonObject { ["server"] = ServerView.Render(instance, ServerViewKind.Show, version, admin, Samples.Links) };
            AssertValid(body, "servers.get_server", version);
        }
    }

    [Theory]
    [MemberData(nameof(VersionsAndRoles))]
    public void Detail_list_matches_list_servers_detail(string microversion, bool admin)
    {
        var version = MicroversionNegotiator.Parse(microversion);
        var body = new JsonObject
        {
            ["servers"] = new JsonArray(Samples.All().Select(i => (JsonNode?)ServerView.Render(i, ServerViewKind.Detail, version, admin, Samples.Links)).ToArray()),
            ["servers_links"] = Samples.Links.Next("servers/detail", [KeyValuePair.Create("limit", "3"), KeyValuePair.Create("marker", "x")]),
        };
        AssertValid(body, "servers.list_servers_detail", version);
    }

    [Theory]
    [MemberData(nameof(VersionsAndRoles))]
    public void Update_matches_update_server(string microversion, bool admin)
    {
        var version = MicroversionNegotiator.Parse(microversion);
        foreach (var instance in Samples.All())
        {
            var body = new JsonObject { ["server"] = ServerView.Render(instance, ServerViewKind.Update, version, admin, Samples.Links) };
            AssertValid(body, "servers.update_server", version);
        }
    }

    [Theory]
    [MemberData(nameof(VersionsAndRoles))]
    public void Summary_list_matches_list_servers(string microversion, bool admin)
    {
        _ = admin;
        var version = MicroversionNegotiator.Parse(microversion);
        var body = new JsonObject { ["servers"] = new JsonArray(Samples.All().Select(i => (JsonNode?)ServerView.Summary(i, Samples.Links)).ToArray()) };
        AssertValid(body, "servers.list_servers", version);
    }

    [Fact]
    public void Admin_only_fields_are_hidden_from_members_and_shown_to_admins()
    {
        var member = ServerView.Render(Samples.Active(), ServerViewKind.Show, new ApiVersion(2, 16), false, Samples.Links);
        var admin = ServerView.Render(Samples.Active(), ServerViewKind.Show, new ApiVersion(2, 16), true, Samples.Links);
        Assert.False(member.ContainsKey("OS-EXT-SRV-ATTR:host"));
        Assert.False(member.ContainsKey("host_status"));
        Assert.Equal("host1", admin["OS-EXT-SRV-ATTR:host"]!.GetValue<string>());
        Assert.Equal("instance-0000002a", admin["OS-EXT-SRV-ATTR:instance_name"]!.GetValue<string>());
        Assert.Equal("UP", admin["host_status"]!.GetValue<string>());
        Assert.Equal("active", member["OS-EXT-STS:vm_state"]!.GetValue<string>());
    }

    [Fact]
    public void Flavor_is_a_link_before_2_47_and_embedded_from_2_47()
    {
        var before = ServerView.Render(Samples.Active(), ServerViewKind.Show, new ApiVersion(2, 46), false, Samples.Links);
        var after = ServerView.Render(Samples.Active(), ServerViewKind.Show, new ApiVersion(2, 47), false, Samples.Links);
        Assert.Equal("1", before["flavor"]!["id"]!.GetValue<string>());
        Assert.Equal("m1.tiny", after["flavor"]!["original_name"]!.GetValue<string>());
        Assert.Null(after["flavor"]!["id"]);
    }

    [Fact]
    public void Fault_details_of_a_500_are_for_admins_only_and_progress_is_hidden_in_error()
    {
        var member = ServerView.Render(Samples.Error(), ServerViewKind.Show, ApiVersion.Min, false, Samples.Links);
        var admin = ServerView.Render(Samples.Error(), ServerViewKind.Show, ApiVersion.Min, true, Samples.Links);
        Assert.Equal("ERROR", member["status"]!.GetValue<string>());
        Assert.Equal("No valid host was found.", member["fault"]!["message"]!.GetValue<string>());
        Assert.Null(member["fault"]!["details"]);
        Assert.Equal("Traceback ...", admin["fault"]!["details"]!.GetValue<string>());
        Assert.False(member.ContainsKey("progress"));
    }

    [Fact]
    public void HostId_is_sha224_of_project_and_host_as_nova()
    {
        // python3 -c "import hashlib; print(hashlib.sha224(b'p1host1').hexdigest())"
        Assert.Equal("4a619b6f283c9bde622de1daf53a68c016813525d84227419b69d671", ServerView.HostId("p1", "host1"));
        Assert.Equal(string.Empty, ServerView.HostId("p1", null));
    }

    [Fact]
    public void Times_use_novas_formats()
    {
        var s = ServerView.Render(Samples.Active(), ServerViewKind.Show, ApiVersion.Min, false, Samples.Links);
        Assert.Equal("2026-11-26T12:00:00Z", s["created"]!.GetValue<string>());
        Assert.Equal("2026-11-26T12:00:05.123000", s["OS-SRV-USG:launched_at"]!.GetValue<string>());
    }

    private static void AssertValid(JsonNode body, string schema, ApiVersion version)
    {
        var errors = SchemaValidator.Validate(body, TempestSchemas.Body(schema, version));
        Assert.True(errors.Count == 0, $"{schema} @ {version}:\n" + string.Join('\n', errors) + "\n" + body.ToJsonString());
    }
}
