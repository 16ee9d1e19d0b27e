using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.IntegrationTests.Compute;

/// <summary><c>POST /servers/{id}/action</c> through the runner against the real database.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServerActionTests(ApiHost api)
{
    [Fact]
    public async Task Stop_sets_powering_off_with_its_action_row_and_casts_to_the_host_then_a_second_stop_is_409()
    {
        using var client = await api.NewTenantAsync();
        var (id, host) = await PlaceAsync(client, features: null);

        var (status, _, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-stop": null}""");

        Assert.Equal(202, status);
        Assert.Equal("powering-off", await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        var cast = api.Rpc.Casts.Single(c => c.Message is StopInstance s && s.Instance.InstanceId == id);
        Assert.Equal("compute." + host, cast.Topic);
        Assert.Equal("powering-off", ((StopInstance)cast.Message).Instance.TaskState);
        Assert.Equal(1L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i AND action = 'stop'", ("i", Guid.Parse(id))));

        var (again, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-stop": null}""");
        Assert.Equal(409, again);
        Assert.Equal($"Cannot 'stop' instance {id} while it is in task_state powering-off", body!["conflictingRequest"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateImage_on_a_host_whose_driver_cannot_snapshot_is_409_and_writes_nothing()
    {
        using var client = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, features: ["Pause"]);

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"createImage": {"name": "snap"}}""");

        Assert.Equal(409, status);
        Assert.Contains("driver feature Snapshot", body!["conflictingRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DBNull.Value, await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal(0L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i AND action = 'createImage'", ("i", Guid.Parse(id))));
        Assert.DoesNotContain(api.Rpc.Casts, c => c.Message is SnapshotInstance s && s.Instance.InstanceId == id);
    }

    [Fact]
    public async Task An_unknown_action_is_400_naming_it_and_another_projects_server_is_404_whatever_the_body()
    {
        using var client = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, features: null);

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-frobnicate": null}""");
        Assert.Equal(400, status);
        Assert.Contains("'os-frobnicate'", body!["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(404, (await other.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-frobnicate": null}""")).Status);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-stop": null}""")).Status);
    }

    /// <summary>A server of <paramref name="client"/> made active on a fresh host whose (disabled, live) compute service reports <paramref name="features"/>.</summary>
    private async Task<(string Id, string Host)> PlaceAsync(ApiClient client, string[]? features)
    {
        var id = await client.CreateServerAsync();
        var host = "it-host-" + Guid.NewGuid().ToString("N")[..6];
        await api.ScalarAsync("UPDATE instances SET host = @h, vm_state = 'active', task_state = NULL WHERE id = @i", ("h", host), ("i", Guid.Parse(id)));
        await api.ScalarAsync("""
            INSERT INTO services (host, binary_name, topic, disabled, last_seen_at, created_at, updated_at, driver_features)
            VALUES (@h, 'controlplane-compute', 'compute', true, now(), now(), now(), @f)
            """, ("h", host), ("f", (object?)features ?? DBNull.Value));
        return (id, host);
    }
}
