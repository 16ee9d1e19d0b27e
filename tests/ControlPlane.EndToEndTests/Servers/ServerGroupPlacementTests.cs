using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Servers;

/// <summary>
/// Server groups on the whole stack (every scheduler, every FakeDriver compute): concurrent boots into an
/// anti-affinity group take one live host each and the rest end in ERROR with "No valid host"; an affinity
/// group shares one host; <c>max_server_per_host</c> 2 never puts three members on a host.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ServerGroupPlacementTests
{
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(3);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Twice_as_many_concurrent_anti_affinity_boots_as_hosts_fill_every_host_once_and_refuse_the_rest()
    {
        using var admin = await AdminAsync();
        var hosts = await LiveHostsAsync();
        var group = await CreateGroupAsync(admin, """{"name": "e2e-anti", "policies": ["anti-affinity"]}""", null);
        var servers = await BootAsync(admin, group, 2 * hosts);
        try
        {
            var active = servers.Where(s => Status(s) == "ACTIVE").ToList();
            Assert.Equal(hosts, active.Count);
            Assert.Equal(hosts, active.Select(Host).Distinct().Count());
            Assert.All(servers.Where(s => Status(s) == "ERROR"), s => Assert.Contains("No valid host", s["fault"]?["message"]?.GetValue<string>() ?? "(no fault)"));
            Assert.Equal(hosts, servers.Count(s => Status(s) == "ERROR"));
            var (_, shown, _) = await admin.SendAsync(HttpMethod.Get, "/compute/v2.1/os-server-groups/" + group);
            Assert.Equal(2 * hosts, shown!["server_group"]!["members"]!.AsArray().Count);
        }
        finally
        {
            await DeleteAsync(admin, servers, group);
        }
    }

    [Fact]
    public async Task Affinity_members_share_one_host_and_max_server_per_host_two_never_stacks_three()
    {
        using var admin = await AdminAsync();
        var hosts = await LiveHostsAsync();
        var affinity = await CreateGroupAsync(admin, """{"name": "e2e-aff", "policies": ["affinity"]}""", null);
        var together = await BootAsync(admin, affinity, 6);
        var pairs = await CreateGroupAsync(admin, """{"name": "e2e-pairs", "policy": "anti-affinity", "rules": {"max_server_per_host": 2}}""", "2.64");
        var spread = await BootAsync(admin, pairs, 2 * hosts + 2);
        try
        {
            Assert.All(together, s => Assert.Equal("ACTIVE", Status(s)));
            Assert.Single(together.Select(Host).Distinct());
            var perHost = spread.Where(s => Status(s) == "ACTIVE").GroupBy(Host).ToDictionary(g => g.Key, g => g.Count());
            Assert.All(perHost.Values, count => Assert.True(count <= 2, $"{count} members on one host"));
            Assert.Equal(2 * hosts, perHost.Values.Sum());
            Assert.Equal(2, spread.Count(s => Status(s) == "ERROR"));
        }
        finally
        {
            await DeleteAsync(admin, together, affinity);
            await DeleteAsync(admin, spread, pairs);
        }
    }

    private async Task<ComputeClient> AdminAsync()
    {
        var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
        await new Database(stack).SetUnlimitedQuotaAsync(admin.ProjectId);
        return admin;
    }

    /// <summary>Enabled compute services that reported recently: the hosts the schedulers may use.</summary>
    private async Task<int> LiveHostsAsync() => (int)await new Database(stack).ScalarAsync<long>(
        "SELECT count(*) FROM services WHERE binary_name = 'controlplane-compute' AND NOT disabled AND last_seen_at > now() - interval '60 seconds'");

    private static async Task<string> CreateGroupAsync(ComputeClient client, string group, string? microversion)
    {
        var (status, body, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/os-server-groups", $$"""{"server_group": {{group}}}""", microversion);
        Assert.True(status == 200, $"group create: {status} {body?.ToJsonString()}");
        return body!["server_group"]!["id"]!.GetValue<string>();
    }

    private static async Task<List<JsonNode>> BootAsync(ComputeClient client, string group, int count)
    {
        var prefix = "sg-" + Guid.NewGuid().ToString("N")[..6] + "-";
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var body = JsonNode.Parse(ServerRequests.Create(prefix + i))!.AsObject();
            body["os:scheduler_hints"] = new JsonObject { ["group"] = group };
            var (status, created, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", body.ToJsonString());
            Assert.True(status == 202, $"create {i}: {status} {created?.ToJsonString()}");
            return created!["server"]!["id"]!.GetValue<string>();
        }));
        var servers = new List<JsonNode>();
        foreach (var id in ids)
        {
            servers.Add(await client.WaitForServerStatusAsync(id, BuildDeadline, "ACTIVE", "ERROR"));
        }
        return servers;
    }

    private static async Task DeleteAsync(ComputeClient client, IEnumerable<JsonNode> servers, string group)
    {
        var ids = servers.Select(s => s["id"]!.GetValue<string>()).ToList();
        foreach (var id in ids)
        {
            await client.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + id);
        }
        foreach (var id in ids)
        {
            await client.WaitForServerStatusAsync(id, TimeSpan.FromMinutes(2), "DELETED");
        }
        var (_, shown, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/os-server-groups/" + group);
        Assert.Empty(shown!["server_group"]!["members"]!.AsArray());
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, "/compute/v2.1/os-server-groups/" + group)).Status);
    }

    private static string Status(JsonNode server) => server["status"]!.GetValue<string>();

    private static string Host(JsonNode server) => server["OS-EXT-SRV-ATTR:host"]!.GetValue<string>();
}
