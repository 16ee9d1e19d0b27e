using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.IntegrationTests.Compute;

[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServerCreateTests(ApiHost api)
{
    private const string Image = ApiClient.ActiveImage;

    [Fact]
    public async Task Create_inserts_building_scheduling_records_the_action_and_casts_build_instance()
    {
        using var client = await api.NewTenantAsync();
        var name = "it-create-" + Guid.NewGuid().ToString("N")[..8];
        var (status, body, response) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            $$$$"""{"server": {"name": "{{{{name}}}}", "flavorRef": "1", "imageRef": "{{{{Image}}}}", "metadata": {"role": "web"}}}""");

        Assert.Equal(202, status);
        var server = body!["server"]!;
        var id = server["id"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(server["adminPass"]!.GetValue<string>()));
        Assert.EndsWith("/servers/" + id, response.Headers.Location!.ToString());
        Assert.Equal("building/scheduling", await api.ScalarAsync("SELECT vm_state || '/' || task_state FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
        Assert.Equal("create", await api.ScalarAsync("SELECT action FROM instance_actions WHERE instance_id = @i", ("i", Guid.Parse(id))));
        var cast = api.Rpc.Casts.Single(c => c.Message is BuildInstance b && b.Instance.InstanceId == id);
        Assert.Equal("conductor", cast.Topic);
        var spec = ((BuildInstance)cast.Message).Instance;
        Assert.Equal(512, spec.Flavor.MemoryMb);
        Assert.Equal(Image, spec.ImageId);
        Assert.Matches("^instance-[0-9a-f]{8}$", spec.InstanceName);

        var (showStatus, show, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + id);
        Assert.Equal(200, showStatus);
        Assert.Equal("BUILD", show!["server"]!["status"]!.GetValue<string>());
        Assert.Equal("web", show["server"]!["metadata"]!["role"]!.GetValue<string>());
        Assert.False(show["server"]!.AsObject().ContainsKey("OS-EXT-SRV-ATTR:host"));
    }

    public static TheoryData<string, string, int, string, string?> BadInputs => new()
    {
        { "malformed JSON", """{"server": {"name": "x",""", 400, "badRequest", null },
        { "name of the wrong type", $$$$"""{"server": {"name": 42, "flavorRef": "1", "imageRef": "{{{{Image}}}}"}}""", 400, "badRequest", null },
        { "missing name", $$$$"""{"server": {"flavorRef": "1", "imageRef": "{{{{Image}}}}"}}""", 400, "badRequest", null },
        { "flavorRef of the wrong type", $$$$"""{"server": {"name": "x", "flavorRef": {"id": 1}, "imageRef": "{{{{Image}}}}"}}""", 400, "badRequest", null },
        { "unknown flavor", $$$$"""{"server": {"name": "x", "flavorRef": "nope", "imageRef": "{{{{Image}}}}"}}""", 400, "badRequest", null },
        { "unknown image", """{"server": {"name": "x", "flavorRef": "1", "imageRef": "99999999-9999-4999-8999-999999999999"}}""", 400, "badRequest", null },
        { "image not active", """{"server": {"name": "x", "flavorRef": "1", "imageRef": "aaaaaaaa-0000-4000-8000-000000000002"}}""", 400, "badRequest", null },
        { "flavor RAM below the image's min_ram", """{"server": {"name": "x", "flavorRef": "1", "imageRef": "aaaaaaaa-0000-4000-8000-000000000003"}}""", 400, "badRequest", null },
        { "networks missing at 2.37", $$$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{{Image}}}}"}}""", 400, "badRequest", "2.37" },
        { "unsupported microversion", $$$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{{Image}}}}"}}""", 406, "notAcceptable", "2.94" },
        { "array body", "[1, 2, 3]", 400, "badRequest", null },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_the_right_4xx_and_writes_nothing(string what, string body, int expected, string fault, string? microversion)
    {
        using var client = await api.NewTenantAsync();
        var castsBefore = api.Rpc.Casts.Count;
        var (status, response, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", body, microversion);
        Assert.True(status == expected, $"{what}: expected {expected}, got {status}: {response?.ToJsonString()}");
        Assert.Equal(expected, response![fault]!["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(response[fault]!["message"]!.GetValue<string>()));
        Assert.Equal(0, await api.CountInstancesAsync(client.ProjectId));
        Assert.DoesNotContain(api.Rpc.Casts.Skip(castsBefore), c => c.Message is BuildInstance b && b.Instance.ProjectId == client.ProjectId);
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_413_and_writes_nothing()
    {
        using var client = await api.NewTenantAsync();
        var huge = new string('a', 70_000);
        var (status, response, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            $$$$"""{"server": {"name": "big", "flavorRef": "1", "imageRef": "{{{{Image}}}}", "metadata": {"k": "{{{{huge}}}}"}}}""");
        Assert.Equal(413, status);
        Assert.Equal(413, response!["requestEntityTooLarge"]!["code"]!.GetValue<int>());
        Assert.Equal(0, await api.CountInstancesAsync(client.ProjectId));
    }

    [Fact]
    public async Task Over_quota_is_403_forbidden_and_writes_nothing()
    {
        using var client = await api.NewTenantAsync();
        await api.ScalarAsync("INSERT INTO quotas (project_id, resource, hard_limit) VALUES (@p, 'instances', 1)", ("p", client.ProjectId));
        await client.CreateServerAsync();
        var (status, body, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            $$$$"""{"server": {"name": "second", "flavorRef": "1", "imageRef": "{{{{Image}}}}"}}""");
        Assert.Equal(403, status);
        Assert.Contains("Quota exceeded for instances", body!["forbidden"]!["message"]!.GetValue<string>());
        Assert.Equal(1, await api.CountInstancesAsync(client.ProjectId));
    }
}
