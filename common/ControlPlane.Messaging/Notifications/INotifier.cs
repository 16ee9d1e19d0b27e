using System.Text.Json.Nodes;
using Google.Protobuf;

namespace ControlPlane.Messaging.Notifications;

/// <summary>
/// Emits versioned notifications (oslo.messaging 2.0 envelope) on the <c>notifications</c> topic exchange,
/// routing key <c>notifications.info</c> or <c>notifications.error</c>. Event types are named like Nova's,
/// e.g. <c>instance.create.start</c>, <c>instance.resize.end</c>.
/// </summary>
public interface INotifier
{
    /// <summary>Emits <paramref name="payload"/> (rendered as protobuf JSON) as <paramref name="eventType"/>.</summary>
    Task NotifyAsync(string eventType, IMessage payload, NotificationPriority priority = NotificationPriority.Info, CancellationToken cancellationToken = default);

    /// <summary>Emits a JSON <paramref name="payload"/> as <paramref name="eventType"/>.</summary>
    Task NotifyAsync(string eventType, JsonNode payload, NotificationPriority priority = NotificationPriority.Info, CancellationToken cancellationToken = default);
}
