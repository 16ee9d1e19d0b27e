using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Images;

/// <summary>Bounded polling of the snapshot tests (a short delay inside a wait-until, never a bare sleep).</summary>
internal static class SnapshotWait
{
    /// <summary>Polls <paramref name="probe"/> until it returns a non-null value or <paramref name="deadline"/> passes.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what) where T : class
    {
        var until = DateTimeOffset.UtcNow + deadline;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"Timed out after {deadline} waiting until {what}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits until the server has no task state (the snapshot's final report landed).</summary>
    public static Task<JsonNode> ServerIdleAsync(ComputeClient client, string serverId, TimeSpan deadline) =>
        UntilAsync(async () =>
        {
            var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + serverId);
            var server = body?["server"];
            return status == 200 && server is not null && server["OS-EXT-STS:task_state"] is null ? server : null;
        }, deadline, $"server {serverId} has no task state");

    /// <summary>Waits until the Nova image proxy shows the image in one of <paramref name="statuses"/>.</summary>
    public static Task<JsonNode> ProxyImageStatusAsync(ComputeClient client, string imageId, TimeSpan deadline, params string[] statuses) =>
        UntilAsync(async () =>
        {
            var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/images/" + imageId, microversion: "2.1");
            var image = body?["image"];
            return status == 200 && image?["status"]?.GetValue<string>() is { } s && statuses.Contains(s) ? image : null;
        }, deadline, $"image {imageId} is {string.Join('|', statuses)} in the image proxy");
}
