using ControlPlane.ConsoleProxy.Proxy;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ControlPlane.ConsoleProxy.Hosting;

/// <summary>Readiness: the proxy hears revocations (else a revoked console would stay open).</summary>
internal sealed class RevocationHealthCheck(RevocationListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.Subscribed ? HealthCheckResult.Healthy("subscribed to revocations") : HealthCheckResult.Unhealthy("not subscribed to revocations yet"));
}
