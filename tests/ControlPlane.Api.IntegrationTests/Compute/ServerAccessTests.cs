using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.IntegrationTests.Compute;

[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServerAccessTests(ApiHost api)
{
    [Fact]
    public async Task Another_projects_server_is_404_for_show_update_delete_and_actions()
    {
        using var owner = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var id = await owner.CreateServerAsync();

        Assert.Equal(404, (await other.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + id)).Status);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Put, "/compute/v2.1/servers/" + id, """{"server": {"name": "stolen"}}""")).Status);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + id)).Status);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers/{id}/os-instance-actions")).Status);
        var (_, list, _) = await other.SendAsync(HttpMethod.Get, "/compute/v2.1/servers");
        Assert.Empty(list!["servers"]!.AsArray());
        Assert.Equal(200, (await owner.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + id)).Status);
    }

    [Fact]
    public async Task A_name_used_as_id_is_404()
    {
        using var client = await api.NewTenantAsync();
        var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/vm-name-not-uuid");
        Assert.Equal(404, status);
        Assert.Equal(404, body!["itemNotFound"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task All_tenants_is_forbidden_to_members_and_shows_every_project_to_admins()
    {
        using var owner = await api.NewTenantAsync();
        using var admin = await api.NewTenantAsync("admin", "member", "reader");
        var id = await owner.CreateServerAsync();

        var (denied, body, _) = await owner.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/detail?all_tenants=1");
        Assert.Equal(403, denied);
        Assert.Equal(403, body!["forbidden"]!["code"]!.GetValue<int>());

        var (status, all, _) = await admin.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers/detail?all_tenants=1&project_id={owner.ProjectId}");
        Assert.Equal(200, status);
        var server = all!["servers"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!;
        Assert.True(server.AsObject().ContainsKey("OS-EXT-SRV-ATTR:instance_name"));
        var (_, own, _) = await admin.SendAsync(HttpMethod.Get, "/compute/v2.1/servers");
        Assert.DoesNotContain(own!["servers"]!.AsArray(), s => s!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task List_filters_by_name_regex_and_status_newest_first()
    {
        using var client = await api.NewTenantAsync();
        var first = await client.CreateServerAsync("web-1");
        var second = await client.CreateServerAsync("web-2");
        await client.CreateServerAsync("db-1");

        var (_, web, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers?name=^web");
        Assert.Equal([second, first], web!["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        var (_, building, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/detail?status=BUILD");
        Assert.Equal(3, building!["servers"]!.AsArray().Count);
        var (_, active, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers?status=ACTIVE");
        Assert.Empty(active!["servers"]!.AsArray());
        var (bad, _, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers?status=NOPE", microversion: "2.38");
        Assert.Equal(400, bad);
        var (_, page, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers?limit=1");
        Assert.Single(page!["servers"]!.AsArray());
        Assert.Contains("marker=", page["servers_links"]![0]!["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_renames_and_sets_the_description_from_2_19()
    {
        using var client = await api.NewTenantAsync();
        var id = await client.CreateServerAsync();
        var (status, body, _) = await client.SendAsync(HttpMethod.Put, "/compute/v2.1/servers/" + id, """{"server": {"name": "renamed", "description": "d"}}""", "2.19");
        Assert.Equal(200, status);
        Assert.Equal("renamed", body!["server"]!["name"]!.GetValue<string>());
        Assert.Equal("d", body["server"]!["description"]!.GetValue<string>());
        var (tooEarly, _, _) = await client.SendAsync(HttpMethod.Put, "/compute/v2.1/servers/" + id, """{"server": {"description": "d"}}""");
        Assert.Equal(400, tooEarly);
    }

    [Fact]
    public async Task Delete_without_host_deletes_in_the_database_and_with_a_host_casts_terminate()
    {
        using var client = await api.NewTenantAsync();
        var unscheduled = await client.CreateServerAsync();
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + unscheduled)).Status);
        Assert.Equal(true, await api.ScalarAsync("SELECT deleted FROM instances WHERE id = @i", ("i", Guid.Parse(unscheduled))));
        Assert.Equal(404, (await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + unscheduled)).Status);

        var placed = await client.CreateServerAsync();
        var host = "it-host-" + Guid.NewGuid().ToString("N")[..6];
        await api.ScalarAsync("UPDATE instances SET host = @h, vm_state = 'active', task_state = NULL WHERE id = @i", ("h", host), ("i", Guid.Parse(placed)));
        // A live compute service on that host (disabled, so a running stack's scheduler never picks
        // it): only a host whose service is down or unknown gets Nova's local delete.
        await api.ScalarAsync("""
            INSERT INTO services (host, binary_name, topic, disabled, last_seen_at, created_at, updated_at)
            VALUES (@h, 'controlplane-compute', 'compute', true, now(), now(), now())
            """, ("h", host));
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + placed)).Status);
        Assert.Equal("deleting", await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(placed))));
        var cast = api.Rpc.Casts.Single(c => c.Message is TerminateInstance t && t.Instance.InstanceId == placed);
        Assert.Equal("compute." + host, cast.Topic);
        Assert.Equal(204, (await client.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + placed)).Status);
        Assert.Single(api.Rpc.Casts, c => c.Message is TerminateInstance t && t.Instance.InstanceId == placed);

        var (_, actions, _) = await client.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers/{placed}/os-instance-actions");
        Assert.Equal(["delete", "create"], actions!["instanceActions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));
    }
}
