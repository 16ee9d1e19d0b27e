using ControlPlane.Messaging.Connection;
using ControlPlane.Messaging.Consuming;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ControlPlane.Messaging.Health;

/// <summary>
/// Readiness check <c>rabbitmq</c> (tagged <c>ready</c>): healthy when the AMQP connection is open
/// (connecting now if it was never made) and every consumer of this process is subscribed.
/// </summary>
internal sealed class RabbitMqHealthCheck(RabbitConnectionManager connections, ConsumerStatus consumers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await connections.GetConnectionAsync(cancellationToken);
            if (!connection.IsOpen)
            {
                return HealthCheckResult.Unhealthy("RabbitMQ connection is recovering.");
            }
        }
        catch (Exception e) when (RabbitConnectionManager.IsTransient(e))
        {
            return HealthCheckResult.Unhealthy("RabbitMQ is unreachable.", e);
        }
        var waiting = consumers.Topics.Where(t => !t.Value).Select(t => t.Key).Order(StringComparer.Ordinal).ToArray();
        return waiting.Length == 0
            ? HealthCheckResult.Healthy($"Connected; consuming {consumers.Topics.Count} queue(s).")
            : HealthCheckResult.Unhealthy("Not consuming: " + string.Join(", ", waiting));
    }
}
