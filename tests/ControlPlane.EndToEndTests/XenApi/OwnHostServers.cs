using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>REST steps of the tests that run a server on a <see cref="TestXenHost"/>: boot it there, snapshot it, read
/// the image's status in imagestore and the createImage action's events.</summary>
internal static class OwnHostServers
{
    /// <summary>Boots a <see cref="WideFlavor"/> server (it fits only the test's host) and waits for ACTIVE there.</summary>
    public static async Task<string> BootAsync(ComputeClient admin, TestXenHost host, string name)
    {
        var (status, body, _) = await admin.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            ServerRequests.Create(name, flavorRef: WideFlavor.Id));
        Assert.True(status == 202, $"server create returned {status}: {body?.ToJsonString()}");
        var id = body!["server"]!["id"]!.GetValue<string>();
        var server = await admin.WaitForServerStatusAsync(id, TimeSpan.FromSeconds(180), "ACTIVE", "ERROR");
        Assert.True(server["status"]!.GetValue<string>() == "ACTIVE", $"server {id} went to ERROR: {server["fault"]?.ToJsonString()}");
        Assert.Equal(host.Name, server["OS-EXT-SRV-ATTR:host"]?.GetValue<string>());
        return id;
    }

    /// <summary><c>createImage</c> at 2.45: returns the new image id and the action's request id.</summary>
    public static async Task<(string ImageId, string RequestId)> CreateImageAsync(ComputeClient client, string serverId, string name)
    {
        var (status, body, response) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{serverId}/action",
            new JsonObject { ["createImage"] = new JsonObject { ["name"] = name } }.ToJsonString(), microversion: "2.45");
        Assert.True(status == 202, $"createImage returned {status}: {body?.ToJsonString()}");
        return (body!["image_id"]!.GetValue<string>(), response.Headers.GetValues("X-OpenStack-Request-ID").Single());
    }

    /// <summary>The image's status in imagestore, or "gone" when it answers 404 (deleted images are not shown).</summary>
    public static async Task<string> ImageStatusAsync(StackEnvironment stack, ComputeClient client, string imageId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.ImageUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/images/" + imageId);
        request.Headers.Add("X-Auth-Token", client.Token);
        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode == 404)
        {
            return "gone";
        }
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>();
    }

    /// <summary>The compute_snapshot_instance event of the createImage action <paramref name="requestId"/> (null while absent).</summary>
    public static async Task<JsonNode?> SnapshotEventAsync(ComputeClient admin, string serverId, string requestId)
    {
        var (status, body, _) = await admin.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers/{serverId}/os-instance-actions/{requestId}", microversion: "2.51");
        Assert.True(status == 200, $"os-instance-actions/{requestId} returned {status}: {body?.ToJsonString()}");
        Assert.Equal("createImage", body!["instanceAction"]!["action"]!.GetValue<string>());
        return body["instanceAction"]!["events"]!.AsArray().FirstOrDefault(e => e?["event"]?.GetValue<string>() == "compute_snapshot_instance");
    }

    /// <summary>The latest instance fault recorded at or after <paramref name="since"/>, or null.</summary>
    public static Task<string?> FaultSinceAsync(Database db, string serverId, DateTimeOffset since) =>
        db.ScalarAsync<string>("SELECT message FROM instance_faults WHERE instance_id = @id AND created_at >= @t ORDER BY created_at DESC LIMIT 1",
            ("id", Guid.Parse(serverId)), ("t", since));
}
