using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Common.IntegrationTests.Infrastructure;
using ControlPlane.Messaging.Notifications;
using ControlPlane.Messaging.Topology;
using ControlPlane.Protos.Rpc.V1;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace ControlPlane.Common.IntegrationTests.Messaging;

[Trait("Category", "Integration")]
public sealed class NotificationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Notifications_are_published_on_the_notifications_exchange_by_priority()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        await admin.DeclareExchangeAsync(RpcTopology.NotificationsExchange, ExchangeType.Topic);
        var info = await admin.BindProbeQueueAsync(RpcTopology.NotificationsExchange, "notifications.info");
        var error = await admin.BindProbeQueueAsync(RpcTopology.NotificationsExchange, "notifications.error");
        await using var host = await MessagingTestHost.StartAsync(_ => { }, output,
            new Dictionary<string, string?> { ["Rpc:PublisherId"] = "compute.itest" });
        var marker = Guid.NewGuid().ToString("N");

        await host.Get<INotifier>().NotifyAsync("instance.create.start", new JsonObject { ["marker"] = marker });
        await host.Get<INotifier>().NotifyAsync("instance.create.error", new InstanceSpec { InstanceId = marker }, NotificationPriority.Error);

        var infoMessage = await NextWithMarkerAsync(admin, info, marker);
        Assert.Equal("instance.create.start", infoMessage.GetProperty("event_type").GetString());
        Assert.Equal("INFO", infoMessage.GetProperty("priority").GetString());
        Assert.Equal("compute.itest", infoMessage.GetProperty("publisher_id").GetString());
        var errorMessage = await NextWithMarkerAsync(admin, error, marker);
        Assert.Equal("ERROR", errorMessage.GetProperty("priority").GetString());
        Assert.Equal(marker, errorMessage.GetProperty("payload").GetProperty("instanceId").GetString());
        Assert.Equal("controlplane.rpc.v1.InstanceSpec", errorMessage.GetProperty("payload_type").GetString());
    }

    /// <summary>The inner oslo message of the first notification on <paramref name="queue"/> that mentions <paramref name="marker"/>.</summary>
    private static async Task<JsonElement> NextWithMarkerAsync(BrokerAdmin admin, string queue, string marker)
    {
        JsonElement found = default;
        await Eventually.UntilAsync(async () =>
        {
            var message = await admin.GetAsync(queue);
            if (message is null)
            {
                return false;
            }
            using var outer = JsonDocument.Parse(message.Body);
            var inner = outer.RootElement.GetProperty("oslo.message").GetString()!;
            if (!inner.Contains(marker, StringComparison.Ordinal))
            {
                return false;
            }
            found = JsonDocument.Parse(Encoding.UTF8.GetBytes(inner)).RootElement.Clone();
            return true;
        }, "a notification carrying the marker");
        return found;
    }
}
