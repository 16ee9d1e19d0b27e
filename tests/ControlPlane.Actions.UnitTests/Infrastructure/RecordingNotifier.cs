using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ControlPlane.Messaging.Notifications;
using Google.Protobuf;

namespace ControlPlane.Actions.UnitTests.Infrastructure;

/// <summary>Records notifications (event type, priority, JSON payload).</summary>
public sealed class RecordingNotifier : INotifier
{
    public ConcurrentQueue<(string EventType, NotificationPriority Priority, JsonNode Payload)> Sent { get; } = new();

    public Task NotifyAsync(string eventType, IMessage payload, NotificationPriority priority = NotificationPriority.Info, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue((eventType, priority, JsonNode.Parse(JsonFormatter.Default.Format(payload))!));
        return Task.CompletedTask;
    }

    public Task NotifyAsync(string eventType, JsonNode payload, NotificationPriority priority = NotificationPriority.Info, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue((eventType, priority, payload.DeepClone()));
        return Task.CompletedTask;
    }
}
