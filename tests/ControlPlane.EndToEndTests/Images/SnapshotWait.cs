using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Images;

/// <summary>The waits of the snapshot tests, on <see cref="Eventually"/>.</summary>
internal static class SnapshotWait
{
    /// <summary>Waits until the server has no task state (the snapshot's final report landed).</summary>
    public static Task<JsonNode> ServerIdleAsync(ComputeClient client, string serverId, TimeSpan deadline) =>
        Eventually.FoundAsync(async () =>
        {
            var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + serverId);
            var server = body?["server"];
            return status == 200 && server is not null && server["OS-EXT-STS:task_state"] is null ? server : null;
        }, $"server {serverId} has no task state", deadline, Poll.Interval);

    /// <summary>Waits until the Nova image proxy shows the image in one of <paramref name="statuses"/>.</summary>
    public static Task<JsonNode> ProxyImageStatusAsync(ComputeClient client, string imageId, TimeSpan deadline, params string[] statuses) =>
        Eventually.FoundAsync(async () =>
        {
            var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/images/" + imageId, microversion: "2.1");
            var image = body?["image"];
            return status == 200 && image?["status"]?.GetValue<string>() is { } s && statuses.Contains(s) ? image : null;
        }, $"image {imageId} is {string.Join('|', statuses)} in the image proxy", deadline, Poll.Interval);
}
