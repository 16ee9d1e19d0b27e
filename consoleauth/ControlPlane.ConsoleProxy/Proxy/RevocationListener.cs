using ControlPlane.ConsoleProxy.Diagnostics;
using ControlPlane.ConsoleProxy.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ControlPlane.ConsoleProxy.Proxy;

/// <summary>
/// Subscribes to consoleauth's revocation channel on Redis and closes the revoked instance's open consoles here.
/// StackExchange.Redis renews the subscription after a reconnect; the first subscription is retried until it succeeds.
/// </summary>
public sealed class RevocationListener(
    IConnectionMultiplexer redis,
    OpenConsoles open,
    IOptions<ConsoleProxyOptions> options,
    TimeProvider clock,
    ILogger<RevocationListener> logger) : BackgroundService
{
    /// <summary>True once subscribed (readiness).</summary>
    public bool Subscribed { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channel = RedisChannel.Literal(options.Value.RevocationChannel);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => OnRevoked(message));
                Subscribed = true;
                return;
            }
            catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
            {
                ProxyLog.SubscribeFailed(logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }

    private void OnRevoked(RedisValue message)
    {
        if (Guid.TryParse(message.ToString(), out var instanceId))
        {
            var closed = open.CloseInstance(instanceId);
            if (closed > 0)
            {
                ProxyLog.Revoked(logger, instanceId, closed);
            }
        }
    }
}
