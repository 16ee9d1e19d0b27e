using System.Diagnostics;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;
using ControlPlane.Hosting.RequestIds;
using ControlPlane.Hosting.Resilience;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Diagnostics;
using ControlPlane.Messaging.Wire;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Messaging.Consuming;

/// <summary>
/// Runs one delivery through its handler and decides how it is settled (no broker I/O here):
/// <list type="bullet">
/// <item>handled: ack (a call also gets its reply);</item>
/// <item>poison (bad headers, unknown type, unparseable body): dead-letter (a call also gets an <c>InvalidException</c> reply);</item>
/// <item>an <c>rpc_version</c> the consumer does not implement (other major, newer minor): dead-letter before the
/// body is read (a call also gets an <see cref="RpcVersionException"/> reply);</item>
/// <item>handler raised a <see cref="ControlPlaneException"/>: a cast is dead-lettered; a call is answered with
/// the error envelope and acked (the caller got its answer, nothing is left to retry);</item>
/// <item>a dropped database, broker or cache connection (<see cref="TransientFaultPolicy"/>, or a
/// <see cref="ServiceUnavailableException"/> anywhere in the chain): a cast is held for the policy's requeue delay
/// and given back to the queue (nack with requeue, not counted against <c>MaxRedeliveries</c>: an outage never
/// dead-letters work, the idempotent handler redoes it); a call is answered 503 at once (its caller may retry);</item>
/// <item>any other exception: delivered again up to <c>MaxRedeliveries</c> times (first via requeue, tracked by the
/// redelivered flag), then dead-lettered (a call is then answered with an internal error).</item>
/// </list>
/// The handler runs in its own DI scope with <see cref="RequestContext"/>, a <c>RequestId</c> log scope and a
/// consumer Activity parented on the sender's <c>traceparent</c>.
/// </summary>
internal sealed class DeliveryProcessor(
    RpcConsumerDefinition definition,
    RpcVersion supportedVersion,
    IServiceScopeFactory scopeFactory,
    int maxRedeliveries,
    TimeProvider timeProvider,
    ILogger logger,
    TransientFaultPolicy? transientFaults = null)
{
    /// <summary>Handles <paramref name="delivery"/> and returns how to settle it.</summary>
    public async Task<DeliveryOutcome> ProcessAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var isCall = delivery.ReplyTo is not null;
        if (!RpcMessageHeaders.TryParse(delivery.Headers, out var headers, out var headerError))
        {
            return Poison(delivery, "(unknown)", headerError!, isCall);
        }
        var type = headers!.MessageType;
        using var requestScope = RequestContext.Begin(headers.RequestId);
        using var logScope = logger.BeginScope(new RequestIdScope(headers.RequestId));
        using var activity = StartProcess(delivery, headers);

        if (!RpcVersion.TryParse(headers.RpcVersion, out var sent) || !supportedVersion.CanHandle(sent))
        {
            return Refuse(delivery, type, headers.RpcVersion, isCall);
        }
        if (!definition.Handlers.TryGetValue(type, out var registration))
        {
            return Poison(delivery, type, $"no handler for message type {type} on {delivery.Topic}", isCall);
        }
        IMessage message;
        try
        {
            message = registration.Parser.ParseFrom(delivery.Body.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Poison(delivery, type, "unparseable payload: " + e.Message, isCall);
        }

        var context = new RpcContext(headers.RequestId, type, headers.RpcVersion, delivery.Redelivered);
        var start = timeProvider.GetTimestamp();
        try
        {
            IMessage? reply;
            await using (var scope = scopeFactory.CreateAsyncScope())
            {
                reply = await registration.InvokeAsync(scope.ServiceProvider, message, context, cancellationToken);
            }
            var elapsed = timeProvider.GetElapsedTime(start);
            MessagingTelemetry.HandlerDuration.Record(elapsed.TotalSeconds, new("messaging.destination.name", delivery.Topic), new("controlplane.rpc.message_type", type));
            MessagingLog.MessageHandled(logger, type, delivery.Topic, elapsed.TotalMilliseconds);
            return new DeliveryOutcome(DeliveryAction.Ack, isCall ? reply : null, null, 0, type);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: give the message back untouched; this is not a failure of the message.
            return new DeliveryOutcome(DeliveryAction.Requeue, null, null, 0, type);
        }
        catch (Exception e) when (Unavailable(e) is { } unavailable)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            MessagingLog.HandlerUnavailable(logger, type, delivery.Topic, isCall, e.GetType().Name, e.Message);
            if (isCall)
            {
                return new DeliveryOutcome(DeliveryAction.Ack, null, RpcError.FromException(unavailable), 0, type);
            }
            try
            {
                await Task.Delay(transientFaults?.RequeueDelay() ?? TimeSpan.FromSeconds(1), timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: give it back now.
            }
            return new DeliveryOutcome(DeliveryAction.Requeue, null, null, 0, type);
        }
        catch (ControlPlaneException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            MessagingLog.HandlerRejected(logger, type, delivery.Topic, e.GetType().Name, e.Message);
            return isCall
                ? new DeliveryOutcome(DeliveryAction.Ack, null, RpcError.FromException(e), 0, type)
                : new DeliveryOutcome(DeliveryAction.DeadLetter, null, null, 0, type);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            var soFar = RpcMessageHeaders.ReadInt(delivery.Headers, RpcMessageHeaders.RedeliveriesHeader) ?? (delivery.Redelivered ? 1 : 0);
            if (soFar >= maxRedeliveries)
            {
                MessagingLog.HandlerFailedDeadLetter(logger, type, delivery.Topic, soFar + 1, e);
                return new DeliveryOutcome(DeliveryAction.DeadLetter, null, isCall ? RpcError.FromException(e) : null, soFar, type);
            }
            MessagingLog.HandlerFailedRequeue(logger, type, delivery.Topic, soFar + 1, e);
            return soFar == 0
                ? new DeliveryOutcome(DeliveryAction.Requeue, null, null, 1, type)
                : new DeliveryOutcome(DeliveryAction.Republish, null, null, soFar + 1, type);
        }
    }

    /// <summary>The 503 a handler failure stands for when it is an outage of a dependency, else <c>null</c>.</summary>
    private ServiceUnavailableException? Unavailable(Exception e)
    {
        if (transientFaults is null)
        {
            return null;
        }
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is ServiceUnavailableException unavailable)
            {
                return unavailable;
            }
        }
        return transientFaults.AsServiceUnavailable(e);
    }

    private DeliveryOutcome Poison(Delivery delivery, string type, string reason, bool isCall)
    {
        MessagingLog.PoisonMessage(logger, delivery.Topic, type, reason);
        var error = isCall ? RpcError.FromException(new InvalidException($"Message rejected by {delivery.Topic}: {reason}.")) : null;
        return new DeliveryOutcome(DeliveryAction.DeadLetter, null, error, 0, type);
    }

    private DeliveryOutcome Refuse(Delivery delivery, string type, string sent, bool isCall)
    {
        var error = new RpcVersionException(delivery.Topic, type, sent, supportedVersion);
        Activity.Current?.SetStatus(ActivityStatusCode.Error, nameof(RpcVersionException));
        MessagingLog.VersionRefused(logger, type, delivery.Topic, sent, supportedVersion.ToString(), error);
        return new DeliveryOutcome(DeliveryAction.DeadLetter, null, isCall ? RpcError.FromException(error) : null, 0, type);
    }

    private static Activity? StartProcess(Delivery delivery, RpcMessageHeaders headers)
    {
        ActivityContext parent = default;
        if (headers.TraceParent is not null)
        {
            ActivityContext.TryParse(headers.TraceParent, null, isRemote: true, out parent);
        }
        var activity = MessagingTelemetry.Source.StartActivity($"{delivery.Topic} process", ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", MessagingTelemetry.System);
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", delivery.Topic);
            activity.SetTag("messaging.message.id", delivery.MessageId);
            activity.SetTag("messaging.message.conversation_id", delivery.CorrelationId ?? headers.RequestId);
            activity.SetTag("messaging.message.body.size", delivery.Body.Length);
            activity.SetTag("controlplane.rpc.message_type", headers.MessageType);
            activity.SetTag("controlplane.rpc.version", headers.RpcVersion);
            activity.SetTag("controlplane.request_id", headers.RequestId);
        }
        return activity;
    }
}
