using Microsoft.Extensions.Logging;

namespace ControlPlane.Messaging.Diagnostics;

/// <summary>Log messages of ControlPlane.Messaging (EventIds 200-299; see docs/logging.md).</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(EventId = 200, EventName = "Connected", Level = LogLevel.Information,
        Message = "Connected to RabbitMQ {Endpoint} as {ConnectionName}")]
    public static partial void Connected(ILogger logger, string endpoint, string connectionName);

    [LoggerMessage(EventId = 201, EventName = "ConnectFailed", Level = LogLevel.Warning,
        Message = "Cannot connect to RabbitMQ {Endpoint}; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string endpoint, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 202, EventName = "ConnectionLost", Level = LogLevel.Warning,
        Message = "RabbitMQ connection {ConnectionName} lost ({ReplyCode} {ReplyText}); recovering automatically")]
    public static partial void ConnectionLost(ILogger logger, string connectionName, ushort replyCode, string replyText);

    [LoggerMessage(EventId = 203, EventName = "ConnectionRecovered", Level = LogLevel.Information,
        Message = "RabbitMQ connection {ConnectionName} recovered")]
    public static partial void ConnectionRecovered(ILogger logger, string connectionName);

    [LoggerMessage(EventId = 204, EventName = "RecoveryFailed", Level = LogLevel.Warning,
        Message = "RabbitMQ connection {ConnectionName} recovery attempt failed; the client retries")]
    public static partial void RecoveryFailed(ILogger logger, string connectionName, Exception exception);

    [LoggerMessage(EventId = 210, EventName = "PublishRetry", Level = LogLevel.Warning,
        Message = "Publish of {MessageType} to {Destination} failed while the broker is unavailable; waiting for recovery")]
    public static partial void PublishRetry(ILogger logger, string messageType, string destination, Exception exception);

    [LoggerMessage(EventId = 211, EventName = "CallTimedOut", Level = LogLevel.Warning,
        Message = "No reply from {Topic} for {MessageType} within {Timeout} (correlation {CorrelationId})")]
    public static partial void CallTimedOut(ILogger logger, string topic, string messageType, TimeSpan timeout, string correlationId);

    [LoggerMessage(EventId = 212, EventName = "UnmatchedReply", Level = LogLevel.Debug,
        Message = "Dropped a reply with correlation {CorrelationId}: no call is waiting for it (timed out or cancelled)")]
    public static partial void UnmatchedReply(ILogger logger, string correlationId);

    [LoggerMessage(EventId = 213, EventName = "ChannelDisposeFailed", Level = LogLevel.Debug,
        Message = "Disposing a broken publisher channel failed")]
    public static partial void ChannelDisposeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 220, EventName = "ConsumerStarted", Level = LogLevel.Information,
        Message = "Consuming {Topic} (prefetch {Prefetch}, {HandlerCount} message types)")]
    public static partial void ConsumerStarted(ILogger logger, string topic, ushort prefetch, int handlerCount);

    [LoggerMessage(EventId = 221, EventName = "ConsumerFailed", Level = LogLevel.Warning,
        Message = "Consumer of {Topic} could not start or lost its channel; retrying in {Delay}")]
    public static partial void ConsumerFailed(ILogger logger, string topic, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 222, EventName = "ConsumerChannelClosed", Level = LogLevel.Warning,
        Message = "Consumer channel of {Topic} closed while the connection is open; re-subscribing")]
    public static partial void ConsumerChannelClosed(ILogger logger, string topic);

    [LoggerMessage(EventId = 223, EventName = "ConsumerStopped", Level = LogLevel.Information,
        Message = "Stopped consuming {Topic}")]
    public static partial void ConsumerStopped(ILogger logger, string topic);

    [LoggerMessage(EventId = 230, EventName = "MessageHandled", Level = LogLevel.Debug,
        Message = "Handled {MessageType} from {Topic} in {ElapsedMs} ms")]
    public static partial void MessageHandled(ILogger logger, string messageType, string topic, double elapsedMs);

    [LoggerMessage(EventId = 231, EventName = "PoisonMessage", Level = LogLevel.Error,
        Message = "Dead-lettered a message from {Topic} (type {MessageType}): {Reason}")]
    public static partial void PoisonMessage(ILogger logger, string topic, string messageType, string reason);

    [LoggerMessage(EventId = 232, EventName = "HandlerRejected", Level = LogLevel.Warning,
        Message = "Handler of {MessageType} from {Topic} raised {ErrorKind}: {ErrorMessage}")]
    public static partial void HandlerRejected(ILogger logger, string messageType, string topic, string errorKind, string errorMessage);

    [LoggerMessage(EventId = 233, EventName = "HandlerFailedRequeue", Level = LogLevel.Warning,
        Message = "Handler of {MessageType} from {Topic} failed (delivery {Attempt}); delivering it again")]
    public static partial void HandlerFailedRequeue(ILogger logger, string messageType, string topic, int attempt, Exception exception);

    [LoggerMessage(EventId = 234, EventName = "HandlerFailedDeadLetter", Level = LogLevel.Error,
        Message = "Handler of {MessageType} from {Topic} failed on delivery {Attempt}; dead-lettered")]
    public static partial void HandlerFailedDeadLetter(ILogger logger, string messageType, string topic, int attempt, Exception exception);

    [LoggerMessage(EventId = 235, EventName = "SettleFailed", Level = LogLevel.Warning,
        Message = "Could not ack/nack a {MessageType} from {Topic} (connection lost); the broker will deliver it again")]
    public static partial void SettleFailed(ILogger logger, string messageType, string topic, Exception exception);

    [LoggerMessage(EventId = 236, EventName = "ReplyFailed", Level = LogLevel.Warning,
        Message = "Could not send the reply to {ReplyTo} for {MessageType}")]
    public static partial void ReplyFailed(ILogger logger, string replyTo, string messageType, Exception exception);

    [LoggerMessage(EventId = 237, EventName = "VersionRefused", Level = LogLevel.Error,
        Message = "Dead-lettered {MessageType} from {Topic}: RPC version {SentVersion} is not implemented here ({SupportedVersion})")]
    public static partial void VersionRefused(ILogger logger, string messageType, string topic, string sentVersion, string supportedVersion, Exception exception);

    [LoggerMessage(EventId = 240, EventName = "NotificationSent", Level = LogLevel.Debug,
        Message = "Notification {EventType} sent ({Priority})")]
    public static partial void NotificationSent(ILogger logger, string eventType, string priority);

    [LoggerMessage(EventId = 250, EventName = "HandlerUnavailable", Level = LogLevel.Warning,
        Message = "Handler of {MessageType} on {Topic} met an unavailable dependency (call: {IsCall}; a cast is requeued, a call answered 503): {ErrorType}: {Error}")]
    public static partial void HandlerUnavailable(ILogger logger, string messageType, string topic, bool isCall, string errorType, string error);
}
