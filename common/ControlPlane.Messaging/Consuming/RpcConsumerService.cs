using ControlPlane.Messaging.Configuration;
using ControlPlane.Messaging.Connection;
using ControlPlane.Messaging.Diagnostics;
using ControlPlane.Messaging.Publishing;
using ControlPlane.Messaging.Topology;
using ControlPlane.Messaging.Wire;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ControlPlane.Messaging.Consuming;

/// <summary>
/// Consumes one topic queue (one hosted service per <c>AddRpcConsumer</c>). Up to
/// <see cref="RpcOptions.PrefetchCount"/> messages are handled concurrently; each is settled only after
/// its handler finished. The subscription survives broker outages and restarts: RabbitMQ.Client's
/// topology recovery re-subscribes, and a channel closed by a channel-level error is replaced.
/// </summary>
internal sealed class RpcConsumerService(
    RpcConsumerDefinition definition,
    IServiceProvider services,
    RabbitConnectionManager connections,
    RabbitPublisher publisher,
    ConsumerStatus status,
    IOptions<RpcOptions> options,
    TimeProvider timeProvider,
    ILogger<RpcConsumerService> logger) : BackgroundService
{
    /// <summary>How long a stopping consumer waits for running handlers to settle their messages.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private string _topic = "(unresolved)";
    private int _inFlight;

    /// <summary>Resolves the topic before the host reports started, so a bad name fails start-up.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _topic = definition.Topic(services);
        RpcTopology.ValidateTopic(_topic);
        status.Clear(_topic);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var processor = new DeliveryProcessor(definition, definition.SupportedVersion(_topic, services.GetRequiredService<RpcVersions>()), services.GetRequiredService<IServiceScopeFactory>(), o.MaxRedeliveries, timeProvider, logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            IChannel? channel = null;
            string? consumerTag = null;
            try
            {
                var connection = await connections.GetConnectionAsync(stoppingToken);
                channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false,
                        consumerDispatchConcurrency: o.PrefetchCount),
                    stoppingToken);
                await channel.BasicQosAsync(0, o.PrefetchCount, global: false, stoppingToken);
                await RpcTopology.DeclareTopicAsync(channel, _topic, stoppingToken);
                var consumer = new AsyncEventingBasicConsumer(channel);
                var subscribed = channel;
                consumer.ReceivedAsync += (_, ea) => OnReceivedAsync(subscribed, processor, ea, stoppingToken);
                consumerTag = await channel.BasicConsumeAsync(_topic, autoAck: false, consumer, stoppingToken);
                status.Track(_topic, () => subscribed.IsOpen);
                MessagingLog.ConsumerStarted(logger, _topic, o.PrefetchCount, definition.Handlers.Count);
                await SuperviseAsync(connection, channel, stoppingToken);
                MessagingLog.ConsumerChannelClosed(logger, _topic);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (RabbitConnectionManager.IsTransient(e))
            {
                MessagingLog.ConsumerFailed(logger, _topic, o.ReconnectDelay, e);
            }
            finally
            {
                status.Clear(_topic);
                if (channel is not null)
                {
                    await DrainAsync(channel, consumerTag);
                    await CloseQuietlyAsync(channel);
                }
            }
            if (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(o.ReconnectDelay, timeProvider, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        MessagingLog.ConsumerStopped(logger, _topic);
    }

    /// <summary>
    /// Returns when the channel stays closed while its connection is open (a channel-level error, which
    /// automatic recovery does not repair). While the connection itself is down, recovery owns the channel.
    /// </summary>
    private async Task SuperviseAsync(IConnection connection, IChannel channel, CancellationToken stoppingToken)
    {
        var strikes = 0;
        while (true)
        {
            await Task.Delay(options.Value.SupervisionInterval, timeProvider, stoppingToken);
            strikes = channel.IsClosed && connection.IsOpen ? strikes + 1 : 0;
            if (strikes >= 2)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Stops new deliveries and lets running handlers settle (ack, or requeue when they were cancelled) before the
    /// channel closes, so a normal shutdown does not leave work to the broker's redelivery.
    /// </summary>
    private async Task DrainAsync(IChannel channel, string? consumerTag)
    {
        if (consumerTag is not null && channel.IsOpen)
        {
            try
            {
                await channel.BasicCancelAsync(consumerTag, noWait: false, CancellationToken.None);
            }
            catch (Exception e) when (RabbitConnectionManager.IsTransient(e))
            {
                MessagingLog.ChannelDisposeFailed(logger, e);
            }
        }
        var start = timeProvider.GetTimestamp();
        while (Volatile.Read(ref _inFlight) > 0 && channel.IsOpen && timeProvider.GetElapsedTime(start) < DrainTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeProvider, CancellationToken.None);
        }
    }

    private async Task OnReceivedAsync(IChannel channel, DeliveryProcessor processor, BasicDeliverEventArgs ea, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await SettleAsync(channel, processor, ea, stoppingToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task SettleAsync(IChannel channel, DeliveryProcessor processor, BasicDeliverEventArgs ea, CancellationToken stoppingToken)
    {
        var p = ea.BasicProperties;
        var delivery = new Delivery(_topic, p.Headers, ea.Body, ea.Redelivered, p.ReplyTo, p.CorrelationId, p.MessageId);
        var outcome = await processor.ProcessAsync(delivery, stoppingToken);
        if (outcome.HasAnswer && delivery.ReplyTo is { } replyTo)
        {
            await ReplyAsync(replyTo, delivery, outcome);
        }
        try
        {
            switch (outcome.Action)
            {
                case DeliveryAction.Ack:
                    await channel.BasicAckAsync(ea.DeliveryTag, multiple: false, CancellationToken.None);
                    break;
                case DeliveryAction.Requeue:
                    await channel.BasicNackAsync(ea.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                    break;
                case DeliveryAction.Republish when await TryRepublishAsync(ea, outcome):
                    await channel.BasicAckAsync(ea.DeliveryTag, multiple: false, CancellationToken.None);
                    break;
                case DeliveryAction.Republish:
                    await channel.BasicNackAsync(ea.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                    break;
                default:
                    await channel.BasicNackAsync(ea.DeliveryTag, multiple: false, requeue: false, CancellationToken.None);
                    break;
            }
            MessagingTelemetry.Consumed.Add(1, new("messaging.destination.name", _topic), new("outcome", outcome.Action.ToString()));
        }
        catch (Exception e) when (RabbitConnectionManager.IsTransient(e) || e is Domain.Errors.ServiceUnavailableException)
        {
            MessagingLog.SettleFailed(logger, outcome.MessageType, _topic, e);
        }
    }

    private async Task ReplyAsync(string replyTo, Delivery delivery, DeliveryOutcome outcome)
    {
        var requestHeaders = RpcMessageHeaders.ReadString(delivery.Headers, RpcMessageHeaders.RequestIdHeader);
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [RpcMessageHeaders.StatusHeader] = outcome.Error is null ? "ok" : "error",
            [RpcMessageHeaders.TypeHeader] = outcome.Reply?.Descriptor.FullName ?? "rpc.error",
            [RpcMessageHeaders.VersionHeader] = RpcMessageHeaders.ReadString(delivery.Headers, RpcMessageHeaders.VersionHeader) ?? RpcVersions.Default,
        };
        if (requestHeaders is not null)
        {
            headers[RpcMessageHeaders.RequestIdHeader] = requestHeaders;
        }
        var properties = new BasicProperties
        {
            CorrelationId = delivery.CorrelationId,
            ContentType = outcome.Error is null ? RpcMessageHeaders.ProtobufContentType : RpcError.ContentType,
            DeliveryMode = DeliveryModes.Transient,
            Headers = headers,
        };
        var body = outcome.Error?.ToBytes() ?? outcome.Reply!.ToByteArray();
        try
        {
            // The default exchange routes by queue name; a reply queue that is gone (caller exited) just drops it.
            await publisher.PublishAsync(string.Empty, replyTo, properties, body, mandatory: false, $"reply to {outcome.MessageType}", CancellationToken.None);
            MessagingTelemetry.Published.Add(1, new("messaging.destination.name", "reply"), new("kind", "reply"));
        }
        catch (Domain.Errors.ServiceUnavailableException e)
        {
            MessagingLog.ReplyFailed(logger, replyTo, outcome.MessageType, e);
        }
    }

    /// <summary>Publishes a copy stamped with the redelivery count to the same queue; false when that failed.</summary>
    private async Task<bool> TryRepublishAsync(BasicDeliverEventArgs ea, DeliveryOutcome outcome)
    {
        var p = ea.BasicProperties;
        var headers = p.Headers is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : new Dictionary<string, object?>(p.Headers, StringComparer.Ordinal);
        headers[RpcMessageHeaders.RedeliveriesHeader] = outcome.Redeliveries;
        var properties = new BasicProperties(p) { Headers = headers };
        try
        {
            await publisher.PublishAsync(string.Empty, _topic, properties, ea.Body.ToArray(), mandatory: true, $"redelivery of {outcome.MessageType}", CancellationToken.None);
            return true;
        }
        catch (Domain.Errors.ServiceUnavailableException e)
        {
            MessagingLog.SettleFailed(logger, outcome.MessageType, _topic, e);
            return false;
        }
    }

    private async Task CloseQuietlyAsync(IChannel channel)
    {
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception e) when (RabbitConnectionManager.IsTransient(e))
        {
            MessagingLog.ChannelDisposeFailed(logger, e);
        }
    }
}
