using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.Messaging.Notifications;

/// <summary>
/// Builds the oslo.messaging 2.0 envelope: <c>{"oslo.version": "2.0", "oslo.message": "&lt;json&gt;"}</c>, where
/// the inner message carries <c>message_id</c>, <c>publisher_id</c>, <c>event_type</c>, <c>priority</c>,
/// <c>payload</c> and <c>timestamp</c> (UTC, <c>yyyy-MM-dd HH:mm:ss.ffffff</c> as oslo writes it).
/// </summary>
public static class NotificationEnvelope
{
    /// <summary>Envelope version.</summary>
    public const string Version = "2.0";

    /// <summary>The serialized envelope.</summary>
    public static byte[] Build(string messageId, string publisherId, string eventType, NotificationPriority priority,
        JsonNode payload, DateTimeOffset timestamp, string? payloadType = null)
    {
        var inner = new JsonObject
        {
            ["message_id"] = messageId,
            ["publisher_id"] = publisherId,
            ["event_type"] = eventType,
            ["priority"] = priority == NotificationPriority.Error ? "ERROR" : "INFO",
            ["payload"] = payload,
            ["timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        };
        if (payloadType is not null)
        {
            inner["payload_type"] = payloadType;
        }
        var outer = new JsonObject
        {
            ["oslo.version"] = Version,
            ["oslo.message"] = inner.ToJsonString(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(outer);
    }

    /// <summary>The routing key of a priority.</summary>
    public static string RoutingKey(NotificationPriority priority) =>
        priority == NotificationPriority.Error ? "notifications.error" : "notifications.info";
}
