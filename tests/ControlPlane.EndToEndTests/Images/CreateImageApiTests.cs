using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Images;

/// <summary>createImage and the Nova image proxy over HTTP, as tempest (≤ 2.35) and the SDK (2.45) use them.</summary>
[Trait("Category", "E2E")]
public sealed class CreateImageApiTests
{
    private const string BaseImage = "11111111-1111-1111-1111-111111111111";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Below_2_45_createImage_answers_a_location_the_image_proxy_serves_until_deleted()
    {
        using var demo = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var serverId = await BootAsync(demo);
        try
        {
            var (status, body, response) = await demo.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{serverId}/action",
                """{"createImage":{"name":"proxy-snap","metadata":{"purpose":"e2e"}}}""", microversion: "2.1");
            Assert.Equal(202, status);
            Assert.Null(body);
            var location = response.Headers.Location ?? throw new InvalidOperationException("no Location header");
            Assert.True(location.IsAbsoluteUri);
            Assert.StartsWith(stack.ApiUrl.TrimEnd('/') + "/compute/v2.1/images/", location.AbsoluteUri, StringComparison.Ordinal);
            var imageId = location.Segments[^1];

            var image = await SnapshotWait.ProxyImageStatusAsync(demo, imageId, Deadline, "ACTIVE");
            Assert.Equal(100, image["progress"]!.GetValue<int>());
            Assert.Equal(serverId, image["server"]!["id"]!.GetValue<string>());
            Assert.Equal("e2e", image["metadata"]!["purpose"]!.GetValue<string>());
            Assert.Equal("snapshot", image["metadata"]!["image_type"]!.GetValue<string>());
            Assert.True(image["OS-EXT-IMG-SIZE:size"]!.GetValue<long>() > 0);
            await SnapshotWait.ServerIdleAsync(demo, serverId, Deadline);

            var (listStatus, list, _) = await demo.SendAsync(HttpMethod.Get, "/compute/v2.1/images/detail?server=" + serverId, microversion: "2.1");
            Assert.Equal(200, listStatus);
            Assert.Contains(list!["images"]!.AsArray(), i => i!["id"]!.GetValue<string>() == imageId);
            var (newerStatus, _, _) = await demo.SendAsync(HttpMethod.Get, "/compute/v2.1/images/" + imageId, microversion: "2.36");
            Assert.Equal(404, newerStatus);

            var (actionsStatus, actions, _) = await demo.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers/{serverId}/os-instance-actions");
            Assert.Equal(200, actionsStatus);
            Assert.Contains(actions!["instanceActions"]!.AsArray(), a => a!["action"]!.GetValue<string>() == "createImage");

            Assert.Equal(204, (await demo.SendAsync(HttpMethod.Delete, "/compute/v2.1/images/" + imageId, microversion: "2.1")).Status);
            Assert.Equal(404, (await demo.SendAsync(HttpMethod.Get, "/compute/v2.1/images/" + imageId, microversion: "2.1")).Status);
        }
        finally
        {
            await demo.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + serverId);
        }
    }

    [Fact]
    public async Task From_2_45_createImage_answers_image_id_and_bad_input_changes_nothing()
    {
        using var demo = await ComputeClient.LoginAsync(stack, "demo", "demo");
        using var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
        var serverId = await BootAsync(demo);
        try
        {
            var path = $"/compute/v2.1/servers/{serverId}/action";
            var (missing, missingBody, _) = await demo.SendAsync(HttpMethod.Post, path, """{"createImage":{"metadata":{}}}""", microversion: "2.45");
            Assert.Equal(400, missing);
            Assert.Contains("name", missingBody!["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            var (tooLong, _, _) = await demo.SendAsync(HttpMethod.Post, path, "{\"createImage\":{\"name\":\"" + new string('x', 256) + "\"}}", microversion: "2.45");
            Assert.Equal(400, tooLong);
            var (unknownServer, _, _) = await admin.SendAsync(HttpMethod.Post, "/compute/v2.1/servers/" + Guid.NewGuid() + "/action", """{"createImage":{"name":"x"}}""", microversion: "2.45");
            Assert.Equal(404, unknownServer);
            var server = (await demo.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + serverId)).Body!["server"]!;
            Assert.Null(server["OS-EXT-STS:task_state"]);

            var (status, body, response) = await demo.SendAsync(HttpMethod.Post, path, """{"createImage":{"name":"sdk-snap"}}""", microversion: "2.45");
            Assert.Equal(202, status);
            Assert.Null(response.Headers.Location);
            var imageId = Assert.Single(body!.AsObject()).Value!.GetValue<string>();
            Assert.Equal("image_id", body.AsObject().Single().Key);

            await SnapshotWait.ProxyImageStatusAsync(demo, imageId, Deadline, "ACTIVE");
            await SnapshotWait.ServerIdleAsync(demo, serverId, Deadline);
            Assert.Equal(204, (await demo.SendAsync(HttpMethod.Delete, "/compute/v2.1/images/" + imageId, microversion: "2.35")).Status);
        }
        finally
        {
            await demo.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + serverId);
        }
    }

    [Fact]
    public async Task Another_projects_server_cannot_be_snapshotted()
    {
        using var demo = await ComputeClient.LoginAsync(stack, "demo", "demo");
        using var other = await ComputeClient.LoginAsync(stack, "tempest_user_4", "tempest_project_4");
        var serverId = await BootAsync(demo);
        try
        {
            var (status, body, _) = await other.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{serverId}/action", """{"createImage":{"name":"steal"}}""", microversion: "2.1");
            Assert.Equal(404, status);
            Assert.NotNull(body!["itemNotFound"]);
            var server = (await demo.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + serverId)).Body!["server"]!;
            Assert.Null(server["OS-EXT-STS:task_state"]);
        }
        finally
        {
            await demo.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + serverId);
        }
    }

    private static async Task<string> BootAsync(ComputeClient client)
    {
        var name = "snapapi-" + Guid.NewGuid().ToString("N")[..8];
        var (status, body, _) = await client.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            new JsonObject { ["server"] = new JsonObject { ["name"] = name, ["flavorRef"] = "1", ["imageRef"] = BaseImage } }.ToJsonString());
        Assert.Equal(202, status);
        var id = body!["server"]!["id"]!.GetValue<string>();
        await client.WaitForServerStatusAsync(id, Deadline, "ACTIVE");
        return id;
    }
}
