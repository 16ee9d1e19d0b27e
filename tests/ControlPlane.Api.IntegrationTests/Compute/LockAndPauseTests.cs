using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.IntegrationTests.Compute;

/// <summary>lock/unlock (2.73 reason, locked_by, the <c>locked</c> list filter, 409 for the owner's state changes and
/// delete) and pause/suspend through <c>POST /servers/{id}/action</c> against the real database.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LockAndPauseTests(ApiHost api)
{
    [Fact]
    public async Task A_lock_with_a_reason_shows_filters_and_refuses_the_owners_stop_and_delete_until_unlocked()
    {
        using var owner = await api.NewTenantAsync();
        var (id, _) = await api.PlaceOnHostAsync(owner, features: null);
        var instance = Guid.Parse(id);

        Assert.Equal(202, (await Act(owner, id, """{"lock": {"locked_reason": "maint"}}""", "2.73")).Status);

        var (_, shown, _) = await owner.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + id, microversion: "2.73");
        Assert.True(shown!["server"]!["locked"]!.GetValue<bool>());
        Assert.Equal("maint", shown["server"]!["locked_reason"]!.GetValue<string>());
        Assert.Equal("owner", await api.ScalarAsync("SELECT locked_by FROM instances WHERE id = @i", ("i", instance)));
        Assert.Equal(1L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i AND action = 'lock'", ("i", instance)));
        Assert.Equal([id], await ListIdsAsync(owner, "locked=true"));
        Assert.Empty(await ListIdsAsync(owner, "locked=false"));

        var (stop, body, _) = await Act(owner, id, """{"os-stop": null}""");
        Assert.Equal(409, stop);
        Assert.Equal($"Instance {id} is locked", body!["conflictingRequest"]!["message"]!.GetValue<string>());
        Assert.Equal(409, (await owner.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + id)).Status);
        Assert.Equal(409, (await Act(owner, id, """{"pause": null}""")).Status);
        Assert.Equal(DBNull.Value, await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", instance)));

        Assert.Equal(202, (await Act(owner, id, """{"unlock": null}""")).Status);
        (_, shown, _) = await owner.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + id, microversion: "2.73");
        Assert.False(shown!["server"]!["locked"]!.GetValue<bool>());
        Assert.Null(shown["server"]!["locked_reason"]);
        Assert.Equal(DBNull.Value, await api.ScalarAsync("SELECT locked_by FROM instances WHERE id = @i", ("i", instance)));
        Assert.Equal(1L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i AND action = 'unlock'", ("i", instance)));
        Assert.Equal(202, (await Act(owner, id, """{"os-stop": null}""")).Status);
    }

    [Fact]
    public async Task An_admins_lock_is_the_admins_to_lift_and_does_not_stop_an_admin()
    {
        using var owner = await api.NewTenantAsync();
        using var admin = await api.NewTenantAsync("admin", "member", "reader");
        var (id, host) = await api.PlaceOnHostAsync(owner, features: null);

        Assert.Equal(202, (await Act(admin, id, """{"lock": null}""")).Status);
        Assert.Equal("admin", await api.ScalarAsync("SELECT locked_by FROM instances WHERE id = @i", ("i", Guid.Parse(id))));

        var (refused, body, _) = await Act(owner, id, """{"unlock": null}""");
        Assert.Equal(403, refused);
        Assert.Contains("unlock_override", body!["forbidden"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(true, await api.ScalarAsync("SELECT locked FROM instances WHERE id = @i", ("i", Guid.Parse(id))));

        Assert.Equal(202, (await Act(admin, id, """{"os-stop": null}""")).Status);
        Assert.Contains(api.Rpc.Casts, c => c.Topic == "compute." + host && c.Message is StopInstance s && s.Instance.InstanceId == id);
        Assert.Equal(202, (await Act(admin, id, """{"unlock": null}""")).Status);
    }

    [Fact]
    public async Task A_lock_reason_before_2_73_is_ignored_and_a_bad_one_from_2_73_is_400()
    {
        using var owner = await api.NewTenantAsync();
        var (id, _) = await api.PlaceOnHostAsync(owner, features: null);

        Assert.Equal(400, (await Act(owner, id, """{"lock": {"locked_reason": ""}}""", "2.73")).Status);
        Assert.Equal(false, await api.ScalarAsync("SELECT locked FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal(202, (await Act(owner, id, """{"lock": {"locked_reason": "ignored"}}""", "2.72")).Status);
        Assert.Equal(DBNull.Value, await api.ScalarAsync("SELECT locked_reason FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
    }

    [Fact]
    public async Task Pause_sets_pausing_with_its_action_row_and_casts_and_a_host_without_the_feature_refuses_suspend()
    {
        using var owner = await api.NewTenantAsync();
        var (id, host) = await api.PlaceOnHostAsync(owner, features: ["Snapshot", "Pause"]);

        Assert.Equal(202, (await Act(owner, id, """{"pause": {}}""")).Status);

        Assert.Equal("pausing", await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal(1L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i AND action = 'pause'", ("i", Guid.Parse(id))));
        var cast = api.Rpc.Casts.Single(c => c.Message is PauseInstance p && p.Instance.InstanceId == id);
        Assert.Equal("compute." + host, cast.Topic);

        await api.ScalarAsync("UPDATE instances SET task_state = NULL WHERE id = @i", ("i", Guid.Parse(id)));
        var (status, body, _) = await Act(owner, id, """{"suspend": null}""");
        Assert.Equal(409, status);
        Assert.Contains("driver feature Suspend", body!["conflictingRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static Task<(int Status, System.Text.Json.Nodes.JsonNode? Body, HttpResponseMessage Response)> Act(ApiClient client, string id, string body, string? microversion = null) =>
        client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", body, microversion);

    private static async Task<List<string>> ListIdsAsync(ApiClient client, string query)
    {
        var (_, body, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers?" + query, microversion: "2.73");
        return [.. body!["servers"]!.AsArray().Select(s => s!["id"]!.GetValue<string>())];
    }
}
