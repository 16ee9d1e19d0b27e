using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ControlPlane.ImageStore.Data;

/// <summary>Readiness: the <c>imagestore</c> database answers and its schema is in place.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM images WHERE false");
            await cmd.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("imagestore database unavailable", ex);
        }
    }
}
