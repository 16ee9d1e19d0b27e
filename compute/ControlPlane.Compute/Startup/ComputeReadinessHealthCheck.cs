using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ControlPlane.Compute.Startup;

/// <summary><c>/readyz</c>: healthy once the driver is initialised and the host reconciled.</summary>
public sealed class ComputeReadinessHealthCheck(ComputeReadiness readiness) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness switch
        {
            { IsReconciled: true } => HealthCheckResult.Healthy("Driver initialised and instances reconciled."),
            { IsDriverReady: true } => HealthCheckResult.Unhealthy("Reconciling instances with the conductor."),
            _ => HealthCheckResult.Unhealthy("Initialising the virt driver."),
        });
}
