using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ControlPlane.ConsoleAuth.Hosting;

/// <summary>Readiness: Redis answers a PING.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"redis ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            return HealthCheckResult.Unhealthy("redis unreachable: " + e.Message);
        }
    }
}
