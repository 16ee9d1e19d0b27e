using System.Collections.Concurrent;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Configuration;
using ControlPlane.Messaging.Connection;
using ControlPlane.Messaging.Diagnostics;
using ControlPlane.Messaging.Topology;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ControlPlane.Messaging.Publishing;

/// <summary>
/// Publishes with publisher confirms on a small pool of confirm-tracking channels: a publish returns
/// only once the broker confirmed it. During a broker outage a publish waits up to
/// <see cref="RpcOptions.RecoveryWaitTimeout"/> for the connection to recover and retries; a nack,
/// an unroutable mandatory message or a longer outage raise <see cref="ServiceUnavailableException"/>.
/// </summary>
internal sealed class RabbitPublisher(
    RabbitConnectionManager connections,
    IOptions<RpcOptions> options,
    TimeProvider timeProvider,
    ILogger<RabbitPublisher> logger) : IAsyncDisposable
{
    private const int MaxIdleChannels = 16;

    /// <summary>Publishes in flight at once (each on its own confirm-tracking channel).</summary>
    private const int MaxConcurrentPublishes = 64;

    private readonly SemaphoreSlim _concurrency = new(MaxConcurrentPublishes, MaxConcurrentPublishes);
    private readonly ConcurrentQueue<IChannel> _idle = new();
    private readonly ConcurrentDictionary<string, bool> _declaredTopics = new(StringComparer.Ordinal);

    /// <summary>Publishes to the topic's queue on the <c>controlplane</c> exchange, declaring the queue first (once per process).</summary>
    public Task PublishToTopicAsync(string topic, BasicProperties properties, ReadOnlyMemory<byte> body, string messageType, CancellationToken cancellationToken) =>
        PublishAsync(RpcTopology.Exchange, topic, properties, body, mandatory: true, messageType, cancellationToken,
            new TopologyDeclaration("topic:" + topic, (channel, ct) => RpcTopology.DeclareTopicAsync(channel, topic, ct)));

    /// <summary>
    /// Publishes to <paramref name="exchange"/> with <paramref name="routingKey"/>; <paramref name="description"/> names the
    /// message in errors; <paramref name="declaration"/> (once per process and per broker outage) declares what it needs.
    /// </summary>
    public async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body,
        bool mandatory, string description, CancellationToken cancellationToken, TopologyDeclaration? declaration = null)
    {
        var start = timeProvider.GetTimestamp();
        var maxWait = options.Value.RecoveryWaitTimeout;
        var redeclared = false;
        while (true)
        {
            IChannel? channel = null;
            var retry = false;
            if (!await _concurrency.WaitAsync(Remaining(start, maxWait) + TimeSpan.FromSeconds(5), cancellationToken))
            {
                throw new ServiceUnavailableException($"Too many publishes waiting for the message broker: could not publish {description} to '{routingKey}'.");
            }
            try
            {
                var connection = await connections.WaitForOpenAsync(Remaining(start, maxWait), $"publishing {description} to {routingKey}", cancellationToken);
                channel = await RentAsync(connection, cancellationToken);
                if (declaration is not null && !_declaredTopics.ContainsKey(declaration.Key))
                {
                    await declaration.DeclareAsync(channel, cancellationToken);
                    _declaredTopics[declaration.Key] = true;
                }
                await channel.BasicPublishAsync(exchange, routingKey, mandatory, properties, body, cancellationToken);
                Return(channel);
                return;
            }
            catch (PublishException e) when (e.IsReturn && declaration is not null && !redeclared)
            {
                // The queue vanished since this process declared it (deleted by an operator or a broker reset
                // without its data): declare it again and publish once more.
                Return(channel);
                _declaredTopics.TryRemove(declaration.Key, out _);
                redeclared = true;
                continue;
            }
            catch (PublishException e)
            {
                Return(channel);
                throw new ServiceUnavailableException(e.IsReturn
                    ? $"The message broker could not route {description} to '{routingKey}' (no such queue)."
                    : $"The message broker refused {description} for '{routingKey}' (negative publisher confirm).", e);
            }
            catch (Exception e) when (RabbitConnectionManager.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await DiscardAsync(channel);
                if (Remaining(start, maxWait) <= TimeSpan.Zero)
                {
                    throw new ServiceUnavailableException(
                        $"The message broker is unavailable: could not publish {description} to '{routingKey}' within {maxWait.TotalSeconds:0.###} s.", e);
                }
                MessagingLog.PublishRetry(logger, description, routingKey, e);
                _declaredTopics.Clear();
                retry = true;
            }
            catch
            {
                await DiscardAsync(channel);
                throw;
            }
            finally
            {
                _concurrency.Release();
            }
            if (retry)
            {
                await Task.Delay(Min(options.Value.ReconnectDelay, Remaining(start, maxWait)), timeProvider, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryDequeue(out var channel))
        {
            await channel.DisposeAsync();
        }
    }

    private async Task<IChannel> RentAsync(IConnection connection, CancellationToken cancellationToken)
    {
        while (_idle.TryDequeue(out var channel))
        {
            if (channel.IsOpen)
            {
                return channel;
            }
            await channel.DisposeAsync();
        }
        return await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
    }

    private void Return(IChannel? channel)
    {
        if (channel is null)
        {
            return;
        }
        if (channel.IsOpen && _idle.Count < MaxIdleChannels)
        {
            _idle.Enqueue(channel);
        }
        else
        {
            _ = DiscardAsync(channel);
        }
    }

    private async Task DiscardAsync(IChannel? channel)
    {
        if (channel is null)
        {
            return;
        }
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception e) when (RabbitConnectionManager.IsTransient(e))
        {
            // NOTE(platform): disposing a channel of a dead connection can throw; the channel is gone either way.
            MessagingLog.ChannelDisposeFailed(logger, e);
        }
    }

    private TimeSpan Remaining(long start, TimeSpan maxWait)
    {
        var remaining = maxWait - timeProvider.GetElapsedTime(start);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
