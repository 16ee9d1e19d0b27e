using ControlPlane.Data.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ControlPlane.Data.Health;

/// <summary>Readiness check of one database: <c>SELECT 1</c> within <see cref="PostgresDatabaseOptions.HealthCheckTimeout"/>.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource, PostgresDatabaseOptions options, string database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HealthCheckTimeout);
        try
        {
            await using var cmd = dataSource.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy($"Database {database} answers.");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Database {database} does not answer.", e);
        }
    }
}
