using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.IntegrationTests.Compute;

/// <summary><c>resize</c>, <c>confirmResize</c>, <c>revertResize</c>, <c>migrate</c> and <c>GET /os-migrations</c> against the
/// real database (Nova's refusals; the conductor's part is the scheduler's tests).</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ResizeActionTests(ApiHost api)
{
    [Fact]
    public async Task Resize_sets_resize_prep_with_the_action_and_casts_migrate_server_with_the_new_flavor()
    {
        using var client = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, "active");

        var (status, _, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action",
            """{"resize": {"flavorRef": "2", "OS-DCF:diskConfig": "AUTO"}}""");

        Assert.Equal(202, status);
        Assert.Equal("resize_prep", await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal(true, await api.ScalarAsync("SELECT auto_disk_config FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal(1L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i AND action = 'resize'", ("i", Guid.Parse(id))));
        var cast = (MigrateServer)api.Rpc.Casts.Single(c => c.Message is MigrateServer m && m.Instance.InstanceId == id).Message;
        Assert.Equal(("2", "resize", true), (cast.NewFlavor.Id, cast.MigrationType, cast.AutoDiskConfig));
        Assert.Equal(409, (await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"resize": {"flavorRef": "3"}}""")).Status);
    }

    [Theory]
    [InlineData("""{"resize": {"flavorRef": "1"}}""", 400)]
    [InlineData("""{"resize": {"flavorRef": "no-such-flavor"}}""", 400)]
    [InlineData("""{"resize": {}}""", 400)]
    [InlineData("""{"confirmResize": null}""", 409)]
    [InlineData("""{"revertResize": null}""", 409)]
    [InlineData("""{"migrate": null}""", 403)]
    public async Task Refusals_write_nothing(string body, int expected)
    {
        using var client = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, "active");

        Assert.Equal(expected, (await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", body)).Status);

        Assert.Equal(DBNull.Value, await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.DoesNotContain(api.Rpc.Casts, c => c.Message is MigrateServer m && m.Instance.InstanceId == id);
    }

    [Fact]
    public async Task Confirm_of_a_resized_server_marks_the_migration_confirming_and_the_admin_lists_it()
    {
        using var client = await api.NewTenantAsync();
        using var admin = await api.NewTenantAsync("admin", "member", "reader");
        var (id, host) = await PlaceAsync(client, "resized");
        var migration = Guid.NewGuid();
        await api.ScalarAsync("""
            INSERT INTO migrations (uuid, instance_id, source_compute, dest_compute, old_flavor_id, new_flavor_id, migration_type, status, created_at, updated_at)
            VALUES (@u, @i, 'it-source', @h, '1', '2', 'resize', 'finished', now(), now())
            """, ("u", migration), ("i", Guid.Parse(id)), ("h", host));

        Assert.Equal(204, (await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"confirmResize": null}""")).Status);

        Assert.Equal("confirming", await api.ScalarAsync("SELECT status FROM migrations WHERE uuid = @u", ("u", migration)));
        Assert.Contains(api.Rpc.Casts, c => c.Message is ResolveResize r && r.MigrationId == migration.ToString("D") && !r.Revert);
        var (status, body, _) = await admin.SendAsync(HttpMethod.Get, $"/compute/v2.1/os-migrations?instance_uuid={id}", null, "2.80");
        Assert.Equal(200, status);
        var listed = Assert.Single(body!["migrations"]!.AsArray());
        Assert.Equal((migration.ToString("D"), "confirming", 1L, "resize"),
            (listed!["uuid"]!.GetValue<string>(), listed["status"]!.GetValue<string>(), listed["old_instance_type_id"]!.GetValue<long>(), listed["migration_type"]!.GetValue<string>()));
        Assert.Equal(403, (await client.SendAsync(HttpMethod.Get, "/compute/v2.1/os-migrations")).Status);
    }

    /// <summary>A server of <paramref name="client"/> in <paramref name="vmState"/> on a fresh host with a live (disabled) compute service.</summary>
    private async Task<(string Id, string Host)> PlaceAsync(ApiClient client, string vmState)
    {
        var id = await client.CreateServerAsync();
        var host = "it-host-" + Guid.NewGuid().ToString("N")[..6];
        await api.ScalarAsync("UPDATE instances SET host = @h, vm_state = @v, task_state = NULL WHERE id = @i", ("h", host), ("v", vmState), ("i", Guid.Parse(id)));
        await api.ScalarAsync("""
            INSERT INTO services (host, binary_name, topic, disabled, last_seen_at, created_at, updated_at)
            VALUES (@h, 'controlplane-compute', 'compute', true, now(), now(), now())
            """, ("h", host));
        return (id, host);
    }
}
