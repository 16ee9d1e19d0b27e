using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Messaging.Notifications;

namespace ControlPlane.Common.UnitTests.Messaging;

public sealed class NotificationEnvelopeTests
{
    [Fact]
    public void The_envelope_is_oslo_2_0_with_the_event_inside()
    {
        var at = new DateTimeOffset(2026, 11, 26, 12, 0, 1, 500, TimeSpan.FromHours(2));

        var body = NotificationEnvelope.Build("m-1", "compute.host1", "instance.create.end", NotificationPriority.Error,
            new JsonObject { ["instance_id"] = "i-1" }, at, "controlplane.rpc.v1.InstanceSpec");

        using var outer = JsonDocument.Parse(body);
        Assert.Equal("2.0", outer.RootElement.GetProperty("oslo.version").GetString());
        using var inner = JsonDocument.Parse(outer.RootElement.GetProperty("oslo.message").GetString()!);
        var m = inner.RootElement;
        Assert.Equal("m-1", m.GetProperty("message_id").GetString());
        Assert.Equal("compute.host1", m.GetProperty("publisher_id").GetString());
        Assert.Equal("instance.create.end", m.GetProperty("event_type").GetString());
        Assert.Equal("ERROR", m.GetProperty("priority").GetString());
        Assert.Equal("i-1", m.GetProperty("payload").GetProperty("instance_id").GetString());
        Assert.Equal("2026-11-26 10:00:01.500000", m.GetProperty("timestamp").GetString());
        Assert.Equal("controlplane.rpc.v1.InstanceSpec", m.GetProperty("payload_type").GetString());
    }

    [Fact]
    public void Priority_selects_the_routing_key()
    {
        Assert.Equal("notifications.info", NotificationEnvelope.RoutingKey(NotificationPriority.Info));
        Assert.Equal("notifications.error", NotificationEnvelope.RoutingKey(NotificationPriority.Error));
    }
}
