using System.Collections.Concurrent;
using System.Threading.Channels;
using ControlPlane.Api.Diagnostics;
using Npgsql;

namespace ControlPlane.Api.Grpc;

/// <summary>
/// Listens on PostgreSQL channel <c>instance_changed</c> (payload: instance id; NOTIFYed by the
/// <c>instances</c> trigger of migration 100 on every insert and update) and wakes the watchers of
/// that instance. After a reconnect every watcher is woken, since notifications may have been missed.
/// </summary>
public sealed class InstanceChangeHub(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<InstanceChangeHub> logger) : BackgroundService
{
    /// <summary>The channel name.</summary>
    public const string Channel = "instance_changed";

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<bool>, byte>> watchers = new();

    /// <summary>Subscribes to changes of one instance; dispose the subscription to stop.</summary>
    public Subscription Subscribe(Guid instanceId)
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        watchers.GetOrAdd(instanceId, _ => new()).TryAdd(channel, 0);
        return new Subscription(channel.Reader, () =>
        {
            if (watchers.TryGetValue(instanceId, out var set))
            {
                set.TryRemove(channel, out _);
            }
        });
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id))
                    {
                        Wake(id);
                    }
                };
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                WakeAll();
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                ApiLog.WatchListenerFailed(logger, e, delay);
                await Task.Delay(delay, timeProvider, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private void Wake(Guid id)
    {
        if (watchers.TryGetValue(id, out var set))
        {
            foreach (var channel in set.Keys)
            {
                channel.Writer.TryWrite(true);
            }
        }
    }

    private void WakeAll()
    {
        foreach (var id in watchers.Keys)
        {
            Wake(id);
        }
    }
}
