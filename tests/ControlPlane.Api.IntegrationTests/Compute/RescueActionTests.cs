using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.IntegrationTests.Compute;

/// <summary><c>rescue</c> / <c>unrescue</c> through the runner against the real database.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RescueActionTests(ApiHost api)
{
    [Fact]
    public async Task Rescue_answers_the_password_sets_rescuing_and_casts_the_servers_image_then_a_second_rescue_is_409()
    {
        using var client = await api.NewTenantAsync();
        var (id, host) = await PlaceAsync(client, "active");

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"rescue": {"adminPass": "Pass-1234"}}""");

        Assert.Equal(200, status);
        Assert.Equal("Pass-1234", body!["adminPass"]!.GetValue<string>());
        Assert.Equal("rescuing", await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        var cast = api.Rpc.Casts.Single(c => c.Message is RescueInstance r && r.Instance.InstanceId == id);
        Assert.Equal("compute." + host, cast.Topic);
        Assert.Equal(((RescueInstance)cast.Message).Instance.ImageId, ((RescueInstance)cast.Message).RescueImageId);
        Assert.Equal(409, (await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"rescue": null}""")).Status);
    }

    [Fact]
    public async Task Unrescue_of_a_server_not_rescued_is_409_an_unknown_image_400_another_project_404_and_nothing_is_written()
    {
        using var client = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, "active");

        Assert.Equal(409, (await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"unrescue": null}""")).Status);
        var unknown = "{\"rescue\": {\"rescue_image_ref\": \"" + Guid.NewGuid() + "\"}}";
        Assert.Equal(400, (await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", unknown)).Status);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"rescue": null}""")).Status);

        Assert.Equal(DBNull.Value, await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal(0L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i AND action IN ('rescue', 'unrescue')", ("i", Guid.Parse(id))));
        Assert.DoesNotContain(api.Rpc.Casts, c => c.Message is RescueInstance r && r.Instance.InstanceId == id);
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
