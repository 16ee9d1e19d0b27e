using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ControlPlane.Scheduler.Hosting;

/// <summary>Readiness: the controlplane database answers <c>SELECT 1</c>.</summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("The controlplane database is unreachable.", ex);
        }
    }
}
