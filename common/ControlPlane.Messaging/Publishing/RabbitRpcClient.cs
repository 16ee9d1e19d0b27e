using System.Diagnostics;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Configuration;
using ControlPlane.Messaging.Diagnostics;
using ControlPlane.Messaging.Topology;
using ControlPlane.Messaging.Wire;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ControlPlane.Messaging.Publishing;

/// <summary>
/// <see cref="IRpcClient"/> over RabbitMQ: casts are persistent, confirmed messages; calls add
/// <c>reply_to</c> (this process's reply queue) and a <c>correlation_id</c>, expire in the queue when
/// the caller stopped waiting, and rethrow a remote error as the same exception kind.
/// </summary>
internal sealed class RabbitRpcClient(
    RabbitPublisher publisher,
    ReplyListener replies,
    IOptions<RpcOptions> options,
    TimeProvider timeProvider,
    RpcVersions versions,
    ILogger<RabbitRpcClient> logger) : IRpcClient
{
    /// <inheritdoc />
    public async Task CastAsync(string topic, IMessage message, CancellationToken cancellationToken = default)
    {
        RpcTopology.ValidateTopic(topic);
        ArgumentNullException.ThrowIfNull(message);
        using var activity = StartSend(topic, message, "cast");
        var properties = CreateProperties(topic, message, activity);
        await publisher.PublishToTopicAsync(topic, properties, message.ToByteArray(), message.Descriptor.FullName, cancellationToken);
        MessagingTelemetry.Published.Add(1, new("messaging.destination.name", topic), new("kind", "cast"));
    }

    /// <inheritdoc />
    public async Task<TReply> CallAsync<TReply>(string topic, IMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TReply : IMessage<TReply>, new()
    {
        RpcTopology.ValidateTopic(topic);
        ArgumentNullException.ThrowIfNull(request);
        var wait = timeout ?? options.Value.RpcResponseTimeout;
        if (wait <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "A call timeout must be positive.");
        }
        var start = timeProvider.GetTimestamp();
        var type = request.Descriptor.FullName;
        using var activity = StartSend(topic, request, "call");

        await replies.EnsureStartedAsync(Min(wait, options.Value.RecoveryWaitTimeout), cancellationToken);
        var (correlationId, replyTask) = replies.Register();
        try
        {
            var properties = CreateProperties(topic, request, activity);
            properties.ReplyTo = replies.QueueName;
            properties.CorrelationId = correlationId;
            // NOTE(platform): an unanswered request expires in the queue with the caller's patience,
            // so a consumer that starts late does not act on a call nobody waits for any more.
            properties.Expiration = ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await publisher.PublishToTopicAsync(topic, properties, request.ToByteArray(), type, cancellationToken);
            MessagingTelemetry.Published.Add(1, new("messaging.destination.name", topic), new("kind", "call"));

            var remaining = wait - timeProvider.GetElapsedTime(start);
            RpcReply reply;
            try
            {
                reply = await replyTask.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, timeProvider, cancellationToken);
            }
            catch (TimeoutException)
            {
                MessagingLog.CallTimedOut(logger, topic, type, wait, correlationId);
                throw new ServiceUnavailableException(
                    $"No reply from {topic} for {type} within {wait.TotalSeconds:0.###} s (rpc_response_timeout).");
            }
            if (reply.IsError)
            {
                throw RpcError.Parse(reply.Body).ToException();
            }
            var expected = new TReply().Descriptor.FullName;
            if (reply.MessageType != expected)
            {
                throw new RpcRemoteException("UnexpectedReply", $"{topic} answered {type} with {reply.MessageType ?? "(no type)"}, expected {expected}.");
            }
            try
            {
                return new MessageParser<TReply>(() => new TReply()).ParseFrom(reply.Body);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new RpcRemoteException("MalformedReply", $"{topic} answered {type} with an unparseable {expected}: {e.Message}");
            }
        }
        finally
        {
            replies.Forget(correlationId);
        }
    }

    private static Activity? StartSend(string topic, IMessage message, string kind)
    {
        var activity = MessagingTelemetry.Source.StartActivity($"{topic} publish", ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", MessagingTelemetry.System);
            activity.SetTag("messaging.operation.type", "publish");
            activity.SetTag("messaging.destination.name", topic);
            activity.SetTag("messaging.rabbitmq.destination.routing_key", topic);
            activity.SetTag("controlplane.rpc.kind", kind);
            activity.SetTag("controlplane.rpc.message_type", message.Descriptor.FullName);
        }
        return activity;
    }

    private BasicProperties CreateProperties(string topic, IMessage message, Activity? activity)
    {
        var headers = RpcMessageHeaders.ForOutgoing(message, versions.ForTopic(topic), activity);
        activity?.SetTag("messaging.message.conversation_id", headers.RequestId);
        return new BasicProperties
        {
            ContentType = RpcMessageHeaders.ProtobufContentType,
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = Guid.NewGuid().ToString("N"),
            Type = headers.MessageType,
            Headers = headers.ToAmqp(),
        };
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
