using System.Text.Json.Nodes;
using ControlPlane.Messaging.Configuration;
using ControlPlane.Messaging.Diagnostics;
using ControlPlane.Messaging.Publishing;
using ControlPlane.Messaging.Topology;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ControlPlane.Messaging.Notifications;

/// <summary>
/// <see cref="INotifier"/> over RabbitMQ: persistent, confirmed messages on the <c>notifications</c> exchange.
/// Declares the durable queues <c>notifications.info</c> and <c>notifications.error</c> (capped at
/// <see cref="QueueMaxLength"/> messages, oldest dropped) so notifications can be read as with oslo.
/// </summary>
internal sealed class RabbitNotifier(RabbitPublisher publisher, IOptions<RpcOptions> options, TimeProvider timeProvider, ILogger<RabbitNotifier> logger)
    : INotifier
{
    /// <summary>Cap of each notifications queue.</summary>
    public const int QueueMaxLength = 10_000;

    private static readonly TopologyDeclaration Declaration = new("notifications", DeclareAsync);

    public Task NotifyAsync(string eventType, IMessage payload, NotificationPriority priority = NotificationPriority.Info, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var json = JsonNode.Parse(JsonFormatter.Default.Format(payload)) ?? new JsonObject();
        return SendAsync(eventType, json, priority, payload.Descriptor.FullName, cancellationToken);
    }

    public Task NotifyAsync(string eventType, JsonNode payload, NotificationPriority priority = NotificationPriority.Info, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return SendAsync(eventType, payload, priority, null, cancellationToken);
    }

    private async Task SendAsync(string eventType, JsonNode payload, NotificationPriority priority, string? payloadType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        var messageId = Guid.NewGuid().ToString("D");
        var body = NotificationEnvelope.Build(messageId, options.Value.PublisherId, eventType, priority, payload, timeProvider.GetUtcNow(), payloadType);
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = messageId,
        };
        await publisher.PublishAsync(RpcTopology.NotificationsExchange, NotificationEnvelope.RoutingKey(priority), properties, body,
            mandatory: false, $"notification {eventType}", cancellationToken, Declaration);
        MessagingTelemetry.Published.Add(1, new("messaging.destination.name", RpcTopology.NotificationsExchange), new("kind", "notification"));
        MessagingLog.NotificationSent(logger, eventType, priority.ToString());
    }

    private static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(RpcTopology.NotificationsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var priority in new[] { NotificationPriority.Info, NotificationPriority.Error })
        {
            var queue = NotificationEnvelope.RoutingKey(priority);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-max-length"] = QueueMaxLength }, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, RpcTopology.NotificationsExchange, queue, arguments: null, cancellationToken: cancellationToken);
        }
    }
}
