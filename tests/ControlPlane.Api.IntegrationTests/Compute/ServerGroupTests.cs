using System.Text.Json.Nodes;
using ControlPlane.Api.IntegrationTests.Infrastructure;

namespace ControlPlane.Api.IntegrationTests.Compute;

[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServerGroupTests(ApiHost api)
{
    private const string Groups = "/compute/v2.1/os-server-groups";

    [Fact]
    public async Task Create_show_list_and_delete_follow_the_microversion()
    {
        using var client = await api.NewTenantAsync();
        var (status, created, _) = await client.SendAsync(HttpMethod.Post, Groups, """{"server_group": {"name": "web", "policies": ["anti-affinity"]}}""");
        Assert.Equal(200, status);
        var group = created!["server_group"]!.AsObject();
        Assert.Equal(["anti-affinity"], group["policies"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Empty(group["metadata"]!.AsObject());
        Assert.Empty(group["members"]!.AsArray());
        Assert.False(group.ContainsKey("project_id"));
        Assert.False(group.ContainsKey("policy"));
        var id = group["id"]!.GetValue<string>();

        var (_, at213, _) = await client.SendAsync(HttpMethod.Get, $"{Groups}/{id}", microversion: "2.13");
        Assert.Equal(client.ProjectId, at213!["server_group"]!["project_id"]!.GetValue<string>());
        Assert.Equal(client.UserId, at213["server_group"]!["user_id"]!.GetValue<string>());

        var (status264, rules, _) = await client.SendAsync(HttpMethod.Post, Groups,
            """{"server_group": {"name": "db", "policy": "anti-affinity", "rules": {"max_server_per_host": 2}}}""", "2.64");
        Assert.Equal(200, status264);
        var db = rules!["server_group"]!.AsObject();
        Assert.Equal("anti-affinity", db["policy"]!.GetValue<string>());
        Assert.Equal(2, db["rules"]!["max_server_per_host"]!.GetValue<int>());
        Assert.False(db.ContainsKey("policies"));
        Assert.False(db.ContainsKey("metadata"));

        var (_, soft, _) = await client.SendAsync(HttpMethod.Post, Groups, """{"server_group": {"name": "cache", "policies": ["soft-affinity"]}}""", "2.15");
        Assert.Equal("soft-affinity", soft!["server_group"]!["policies"]![0]!.GetValue<string>());

        var (_, all, _) = await client.SendAsync(HttpMethod.Get, Groups);
        Assert.Equal(["web", "db", "cache"], all!["server_groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()));
        var (_, page, _) = await client.SendAsync(HttpMethod.Get, Groups + "?limit=1&offset=1");
        Assert.Equal(["db"], page!["server_groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()));

        var (deleted, _, _) = await client.SendAsync(HttpMethod.Delete, $"{Groups}/{id}");
        Assert.Equal(204, deleted);
        var (gone, body, _) = await client.SendAsync(HttpMethod.Get, $"{Groups}/{id}");
        Assert.Equal(404, gone);
        Assert.Equal(404, body!["itemNotFound"]!["code"]!.GetValue<int>());
    }

    public static TheoryData<string, string, string?> BadBodies => new()
    {
        { "unknown policy name", """{"server_group": {"name": "g", "policies": ["spread"]}}""", null },
        { "soft policy before 2.15", """{"server_group": {"name": "g", "policies": ["soft-anti-affinity"]}}""", "2.14" },
        { "two policies", """{"server_group": {"name": "g", "policies": ["affinity", "anti-affinity"]}}""", null },
        { "no policy", """{"server_group": {"name": "g", "policies": []}}""", null },
        { "policy before 2.64", """{"server_group": {"name": "g", "policy": "affinity"}}""", null },
        { "policies from 2.64", """{"server_group": {"name": "g", "policies": ["affinity"]}}""", "2.64" },
        { "both policy and policies", """{"server_group": {"name": "g", "policy": "affinity", "policies": ["affinity"]}}""", "2.64" },
        { "rules on affinity", """{"server_group": {"name": "g", "policy": "affinity", "rules": {"max_server_per_host": 2}}}""", "2.64" },
        { "rules on soft-anti-affinity", """{"server_group": {"name": "g", "policy": "soft-anti-affinity", "rules": {"max_server_per_host": 2}}}""", "2.64" },
        { "max_server_per_host zero", """{"server_group": {"name": "g", "policy": "anti-affinity", "rules": {"max_server_per_host": 0}}}""", "2.64" },
        { "unknown rule", """{"server_group": {"name": "g", "policy": "anti-affinity", "rules": {"max_per_rack": 2}}}""", "2.64" },
        { "rules before 2.64", """{"server_group": {"name": "g", "policies": ["anti-affinity"], "rules": {"max_server_per_host": 2}}}""", "2.63" },
        { "unknown policy at 2.64", """{"server_group": {"name": "g", "policy": "spread"}}""", "2.64" },
        { "missing name", """{"server_group": {"policies": ["affinity"]}}""", null },
        { "blank name", """{"server_group": {"name": " g", "policies": ["affinity"]}}""", null },
        { "no server_group", """{"name": "g"}""", null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_400_naming_the_problem_and_writes_nothing(string what, string body, string? microversion)
    {
        using var client = await api.NewTenantAsync();
        var (status, response, _) = await client.SendAsync(HttpMethod.Post, Groups, body, microversion);
        Assert.True(status == 400, $"{what}: expected 400, got {status}: {response?.ToJsonString()}");
        Assert.False(string.IsNullOrWhiteSpace(response!["badRequest"]!["message"]!.GetValue<string>()));
        Assert.Equal(0L, await api.ScalarAsync("SELECT count(*) FROM server_groups WHERE project_id = @p", ("p", client.ProjectId)));
    }

    [Fact]
    public async Task Rules_on_a_policy_other_than_anti_affinity_say_so()
    {
        using var client = await api.NewTenantAsync();
        var (_, response, _) = await client.SendAsync(HttpMethod.Post, Groups,
            """{"server_group": {"name": "g", "policy": "affinity", "rules": {"max_server_per_host": 2}}}""", "2.64");
        Assert.Equal("Only anti-affinity policy supports rules.", response!["badRequest"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_projects_group_is_hidden_and_all_projects_is_for_admins()
    {
        using var owner = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        using var admin = await api.NewTenantAsync("admin", "member", "reader");
        var id = await CreateGroupAsync(owner, "anti-affinity");

        Assert.Equal(404, (await other.SendAsync(HttpMethod.Get, $"{Groups}/{id}")).Status);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Delete, $"{Groups}/{id}")).Status);
        var (_, otherList, _) = await other.SendAsync(HttpMethod.Get, Groups + "?all_projects=True");
        Assert.DoesNotContain(Ids(otherList!), i => i == id);
        Assert.Equal(400, (await other.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", ServerBody(id))).Status);
        Assert.Equal(0, await api.CountInstancesAsync(other.ProjectId));

        Assert.Equal(200, (await admin.SendAsync(HttpMethod.Get, $"{Groups}/{id}")).Status);
        var (_, adminOwn, _) = await admin.SendAsync(HttpMethod.Get, Groups);
        Assert.DoesNotContain(Ids(adminOwn!), i => i == id);
        var (_, adminAll, _) = await admin.SendAsync(HttpMethod.Get, Groups + "?all_projects=True&limit=1000");
        Assert.Contains(Ids(adminAll!), i => i == id);
        Assert.Equal(404, (await admin.SendAsync(HttpMethod.Get, $"{Groups}/not-a-uuid")).Status);
    }

    [Fact]
    public async Task Boot_with_the_group_hint_records_the_member_and_a_deleted_member_leaves()
    {
        using var client = await api.NewTenantAsync();
        var id = await CreateGroupAsync(client, "affinity");
        var (status, created, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", ServerBody(id));
        Assert.Equal(202, status);
        var server = created!["server"]!["id"]!.GetValue<string>();
        var (_, hinted, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", ServerBody(id, "OS-SCH-HNT:scheduler_hints"));
        var second = hinted!["server"]!["id"]!.GetValue<string>();
        Assert.Equal([server, second], await MembersAsync(client, id));

        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + server)).Status);
        Assert.Equal([second], await MembersAsync(client, id));

        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, $"{Groups}/{id}")).Status);
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + second)).Status);
        Assert.Equal(0L, await api.ScalarAsync("SELECT count(*) FROM server_group_members WHERE instance_id = @i", ("i", Guid.Parse(second))));
    }

    [Theory]
    [InlineData("unknown group", """{"group": "0b5c6f0e-8d4a-4c3e-9a51-7f2d1c0e9b11"}""")]
    [InlineData("group not a uuid", """{"group": "g1"}""")]
    [InlineData("group not a string", """{"group": 7}""")]
    [InlineData("hints not an object", """["group"]""")]
    public async Task A_bad_group_hint_is_400_and_creates_no_server(string what, string hints)
    {
        using var client = await api.NewTenantAsync();
        var body = $$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{ApiClient.ActiveImage}}}"}, "os:scheduler_hints": {{{hints}}}}""";
        var (status, response, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", body);
        Assert.True(status == 400, $"{what}: expected 400, got {status}: {response?.ToJsonString()}");
        Assert.Equal(0, await api.CountInstancesAsync(client.ProjectId));
    }

    [Fact]
    public async Task Group_and_member_quotas_are_403_and_write_nothing()
    {
        using var client = await api.NewTenantAsync();
        await api.ScalarAsync("INSERT INTO quotas (project_id, resource, hard_limit) VALUES (@p, 'server_groups', 1), (@p, 'server_group_members', 1)", ("p", client.ProjectId));
        var id = await CreateGroupAsync(client, "anti-affinity");
        var (status, body, _) = await client.SendAsync(HttpMethod.Post, Groups, """{"server_group": {"name": "second", "policies": ["affinity"]}}""");
        Assert.Equal(403, status);
        Assert.Equal("Quota exceeded, too many server groups.", body!["forbidden"]!["message"]!.GetValue<string>());

        Assert.Equal(202, (await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", ServerBody(id))).Status);
        var (full, fullBody, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", ServerBody(id));
        Assert.Equal(403, full);
        Assert.Equal("Quota exceeded, too many servers in group", fullBody!["forbidden"]!["message"]!.GetValue<string>());
        Assert.Equal(1, await api.CountInstancesAsync(client.ProjectId));
    }

    private static string ServerBody(string group, string hintsKey = "os:scheduler_hints") =>
        $$$"""{"server": {"name": "member-{{{Guid.NewGuid():N}}}", "flavorRef": "1", "imageRef": "{{{ApiClient.ActiveImage}}}"}, "{{{hintsKey}}}": {"group": "{{{group}}}"}}""";

    private static async Task<string> CreateGroupAsync(ApiClient client, string policy)
    {
        var (status, body, _) = await client.SendAsync(HttpMethod.Post, Groups, $$$"""{"server_group": {"name": "g-{{{Guid.NewGuid():N}}}", "policies": ["{{{policy}}}"]}}""");
        Assert.True(status == 200, $"group create returned {status}: {body?.ToJsonString()}");
        return body!["server_group"]!["id"]!.GetValue<string>();
    }

    private static async Task<List<string>> MembersAsync(ApiClient client, string id)
    {
        var (_, body, _) = await client.SendAsync(HttpMethod.Get, $"{Groups}/{id}");
        return body!["server_group"]!["members"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
    }

    private static IEnumerable<string> Ids(JsonNode list) => list["server_groups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>());
}
