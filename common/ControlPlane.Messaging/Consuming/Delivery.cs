namespace ControlPlane.Messaging.Consuming;

/// <summary>What the consumer received, independent of the AMQP client types.</summary>
/// <param name="Topic">The consumed queue.</param>
/// <param name="Headers">AMQP headers (may be null).</param>
/// <param name="Body">Payload bytes.</param>
/// <param name="Redelivered">The broker's redelivered flag.</param>
/// <param name="ReplyTo">Reply queue of a call, else null.</param>
/// <param name="CorrelationId">Correlation id of a call, else null.</param>
/// <param name="MessageId">Message id set by the sender.</param>
internal sealed record Delivery(
    string Topic,
    IDictionary<string, object?>? Headers,
    ReadOnlyMemory<byte> Body,
    bool Redelivered,
    string? ReplyTo,
    string? CorrelationId,
    string? MessageId);
