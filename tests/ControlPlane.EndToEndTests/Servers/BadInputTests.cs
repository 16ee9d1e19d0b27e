using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;
using Npgsql;

namespace ControlPlane.EndToEndTests.Servers;

/// <summary>
/// Hostile or wrong requests get the right 4xx with Nova's error body, and nothing is written:
/// the project's instance rows are counted before and after every request.
/// </summary>
[Trait("Category", "E2E")]
public sealed class BadInputTests
{
    private const string Image = "11111111-1111-1111-1111-111111111111";
    private readonly StackEnvironment stack = StackEnvironment.Load();

    public static TheoryData<string, string, int, string> Cases => new()
    {
        { "malformed JSON", "{\"server\": {\"name\": \"x\",", 400, "badRequest" },
        { "name of the wrong type", $$$"""{"server": {"name": 42, "flavorRef": "1", "imageRef": "{{{Image}}}"}}""", 400, "badRequest" },
        { "flavorRef of the wrong type", $$$"""{"server": {"name": "x", "flavorRef": {"id": 1}, "imageRef": "{{{Image}}}"}}""", 400, "badRequest" },
        { "missing name", $$$"""{"server": {"flavorRef": "1", "imageRef": "{{{Image}}}"}}""", 400, "badRequest" },
        { "empty name", $$$"""{"server": {"name": "", "flavorRef": "1", "imageRef": "{{{Image}}}"}}""", 400, "badRequest" },
        { "unknown flavor", $$$"""{"server": {"name": "x", "flavorRef": "no-such-flavor", "imageRef": "{{{Image}}}"}}""", 400, "badRequest" },
        { "unknown image", """{"server": {"name": "x", "flavorRef": "1", "imageRef": "99999999-9999-9999-9999-999999999999"}}""", 400, "badRequest" },
        { "no server key", """{"srv": {}}""", 400, "badRequest" },
        { "array body", """[1, 2, 3]""", 400, "badRequest" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Create_server_rejects_bad_input_and_writes_nothing(string what, string body, int status, string fault)
    {
        using var client = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var before = await CountInstancesAsync(client.ProjectId);

        var (actual, response, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", body);

        Assert.True(actual == status, $"{what}: expected {status}, got {actual}: {response?.ToJsonString()}");
        AssertNovaFault(response, fault, status);
        Assert.Equal(before, await CountInstancesAsync(client.ProjectId));
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_413_and_writes_nothing()
    {
        using var client = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var before = await CountInstancesAsync(client.ProjectId);
        var huge = new string('a', 2 * 1024 * 1024);
        var body = "{\"server\": {\"name\": \"big\", \"flavorRef\": \"1\", \"imageRef\": \"" + Image + "\", \"metadata\": {\"k\": \"" + huge + "\"}}}";

        var (status, response, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", body);

        Assert.Equal(413, status);
        AssertNovaFault(response, "requestEntityTooLarge", 413);
        Assert.Equal(before, await CountInstancesAsync(client.ProjectId));
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("3.0")]
    [InlineData("2.999")]
    public async Task An_unsupported_microversion_is_406(string version)
    {
        using var client = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var (status, response, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/flavors", microversion: version);
        Assert.Equal(406, status);
        AssertNovaFault(response, "notAcceptable", 406);
    }

    [Fact]
    public async Task A_server_name_used_as_id_is_404()
    {
        using var client = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var (status, response, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/vm-name-not-uuid");
        Assert.Equal(404, status);
        AssertNovaFault(response, "itemNotFound", 404);
    }

    [Fact]
    public async Task Another_projects_server_is_404()
    {
        using var owner = await ComputeClient.LoginAsync(stack, "tempest_user_1", "tempest_project_1");
        using var other = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var (created, body, _) = await owner.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            ServerRequests.Create("iso-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(202, created);
        var id = body!["server"]!["id"]!.GetValue<string>();
        try
        {
            var (status, response, _) = await other.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + id);
            Assert.Equal(404, status);
            AssertNovaFault(response, "itemNotFound", 404);
            var (deleteStatus, _, _) = await other.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + id);
            Assert.Equal(404, deleteStatus);
        }
        finally
        {
            await owner.WaitForServerStatusAsync(id, TimeSpan.FromSeconds(60), "ACTIVE", "ERROR");
            await owner.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + id);
            await owner.WaitForServerStatusAsync(id, TimeSpan.FromSeconds(60), "DELETED");
        }
    }

    private static void AssertNovaFault(JsonNode? body, string fault, int code)
    {
        Assert.NotNull(body);
        var inner = body![fault];
        Assert.True(inner is not null, $"expected a '{fault}' error body, got {body.ToJsonString()}");
        Assert.Equal(code, inner!["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(inner["message"]?.GetValue<string>()));
    }

    private async Task<long> CountInstancesAsync(string projectId)
    {
        await using var connection = new NpgsqlConnection(stack.ControlPlaneConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM instances WHERE project_id = @p", connection);
        cmd.Parameters.AddWithValue("p", projectId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
