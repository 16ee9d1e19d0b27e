using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.IntegrationTests.Compute;

/// <summary><c>rebuild</c> and <c>os-getConsoleOutput</c> through the runner against the real database.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RebuildAndConsoleOutputTests(ApiHost api)
{
    [Fact]
    public async Task Rebuild_answers_202_with_the_server_and_password_writes_the_fields_under_rebuilding_and_casts_to_the_host()
    {
        using var client = await api.NewTenantAsync();
        var (id, host) = await PlaceAsync(client, "stopped");
        var body = "{\"rebuild\": {\"imageRef\": \"" + FakeImageService.Active + "\", \"name\": \"rebuilt\", \"adminPass\": \"Pass-1234\", " +
                   "\"metadata\": {\"rebuild\": \"server\"}, \"description\": \"after\", \"preserve_ephemeral\": false}}";

        var (status, response, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", body, "2.26");

        Assert.Equal(202, status);
        var server = response!["server"]!;
        Assert.Equal("rebuilt", server["name"]!.GetValue<string>());
        Assert.Equal("Pass-1234", server["adminPass"]!.GetValue<string>());
        Assert.Equal("REBUILD", server["status"]!.GetValue<string>());
        Assert.Equal("server", server["metadata"]!["rebuild"]!.GetValue<string>());
        Assert.Equal("after", server["description"]!.GetValue<string>());
        Assert.Equal(FakeImageService.Active.ToString(), server["image"]!["id"]!.GetValue<string>());
        Assert.Equal("rebuilding", await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal("rebuilt", await api.ScalarAsync("SELECT display_name FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal(1L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i AND action = 'rebuild'", ("i", Guid.Parse(id))));
        var cast = api.Rpc.Casts.Single(c => c.Message is RebuildInstance r && r.Instance.InstanceId == id);
        Assert.Equal("compute." + host, cast.Topic);
        var message = (RebuildInstance)cast.Message;
        Assert.Equal("stopped", message.Instance.VmState);
        Assert.Equal("rebuilding", message.Instance.TaskState);
        Assert.Equal(FakeImageService.Active.ToString(), message.Instance.ImageId);
    }

    [Theory]
    [InlineData("""{"rebuild": {}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": "not-a-uuid"}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": 5}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": "aaaaaaaa-0000-4000-8000-000000000009"}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": "aaaaaaaa-0000-4000-8000-000000000002"}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": "aaaaaaaa-0000-4000-8000-000000000003"}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": "aaaaaaaa-0000-4000-8000-000000000001", "bogus": 1}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": "aaaaaaaa-0000-4000-8000-000000000001", "description": "too early"}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": "aaaaaaaa-0000-4000-8000-000000000001", "preserve_ephemeral": "yes"}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": "aaaaaaaa-0000-4000-8000-000000000001", "metadata": {"k": 1}}}""", 400)]
    [InlineData("""{"rebuild": {"imageRef": "aaaaaaaa-0000-4000-8000-000000000001", "name": ""}}""", 400)]
    [InlineData("""{"rebuild": "image"}""", 400)]
    public async Task A_bad_rebuild_is_refused_with_novas_body_and_nothing_is_written(string body, int expected)
    {
        using var client = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, "active");

        var (status, response, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", body);

        Assert.Equal(expected, status);
        Assert.Equal(expected, response!["badRequest"]!["code"]!.GetValue<int>());
        await AssertUntouchedAsync(id);
    }

    [Fact]
    public async Task Too_many_or_too_long_metadata_in_a_rebuild_is_403_or_400_and_nothing_is_written()
    {
        using var client = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, "active");
        var many = string.Join(", ", Enumerable.Range(0, 129).Select(i => $"\"k{i}\": \"v\""));
        var longKey = new string('k', 256);

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action",
            "{\"rebuild\": {\"imageRef\": \"" + FakeImageService.Active + "\", \"metadata\": {" + many + "}}}");
        Assert.Equal(403, status);
        Assert.Contains("metadata_items", body!["forbidden"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, (await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action",
            "{\"rebuild\": {\"imageRef\": \"" + FakeImageService.Active + "\", \"metadata\": {\"" + longKey + "\": \"v\"}}}")).Status);
        await AssertUntouchedAsync(id);
    }

    [Theory]
    [InlineData("rescued", null)]
    [InlineData("active", "resize_prep")]
    [InlineData("paused", null)]
    public async Task Rebuild_of_a_rescued_resizing_or_paused_server_is_409_and_nothing_is_written(string vmState, string? taskState)
    {
        using var client = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, vmState);
        await api.ScalarAsync("UPDATE instances SET task_state = @t WHERE id = @i", ("t", (object?)taskState ?? DBNull.Value), ("i", Guid.Parse(id)));

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action",
            "{\"rebuild\": {\"imageRef\": \"" + FakeImageService.Active + "\", \"name\": \"never\"}}");

        Assert.Equal(409, status);
        Assert.Contains("rebuild", body!["conflictingRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual("never", await api.ScalarAsync("SELECT display_name FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.DoesNotContain(api.Rpc.Casts, c => c.Message is RebuildInstance r && r.Instance.InstanceId == id);
    }

    [Fact]
    public async Task Console_output_calls_the_host_with_the_length_and_removes_control_characters()
    {
        using var client = await api.NewTenantAsync();
        var (id, host) = await PlaceAsync(client, "active");
        var asked = new List<int>();
        api.Rpc.Answer("compute." + host, m =>
        {
            asked.Add(((GetConsoleOutput)m).Length);
            return new ConsoleOutput { Output = "line1\u0007\nline2\tend\n" };
        });

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-getConsoleOutput": {"length": "5"}}""");
        var (all, _, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-getConsoleOutput": {"length": -1}}""");
        var (none, _, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-getConsoleOutput": {}}""");

        Assert.Equal(200, status);
        Assert.Equal("line1\nline2\tend\n", body!["output"]!.GetValue<string>());
        Assert.Equal((200, 200), (all, none));
        Assert.Equal([5, -1, -1], asked);
    }

    [Theory]
    [InlineData("""{"os-getConsoleOutput": {"length": -2}}""")]
    [InlineData("""{"os-getConsoleOutput": {"length": "abc"}}""")]
    [InlineData("""{"os-getConsoleOutput": {"length": 1.5}}""")]
    [InlineData("""{"os-getConsoleOutput": {"length": true}}""")]
    [InlineData("""{"os-getConsoleOutput": {"length": 3, "extra": 1}}""")]
    [InlineData("""{"os-getConsoleOutput": null}""")]
    public async Task A_bad_console_output_length_is_400(string body)
    {
        using var client = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, "active");

        var (status, response, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", body);

        Assert.Equal(400, status);
        Assert.Equal(400, response!["badRequest"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Console_output_of_a_server_without_a_host_is_409_and_of_another_projects_server_404()
    {
        using var client = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var id = await client.CreateServerAsync();

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-getConsoleOutput": {"length": 10}}""");

        Assert.Equal(409, status);
        Assert.NotNull(body!["conflictingRequest"]);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/action", """{"os-getConsoleOutput": {}}""")).Status);
    }

    private async Task AssertUntouchedAsync(string id)
    {
        Assert.Equal(DBNull.Value, await api.ScalarAsync("SELECT task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal("{}", await api.ScalarAsync("SELECT metadata::text FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal(0L, await api.ScalarAsync("SELECT count(*) FROM instance_actions WHERE instance_id = @i AND action = 'rebuild'", ("i", Guid.Parse(id))));
        Assert.DoesNotContain(api.Rpc.Casts, c => c.Message is RebuildInstance r && r.Instance.InstanceId == id);
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
