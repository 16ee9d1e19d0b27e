using System.Net.Sockets;
using System.Reflection;
using ControlPlane.Data.Configuration;
using ControlPlane.Data.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ControlPlane.Data.Migrations;

/// <summary>
/// Applies a database's embedded migrations in <see cref="StartAsync"/>, so the host does not finish
/// starting (nor start the hosted services registered after it) until the schema is current. Waits up to
/// <see cref="PostgresDatabaseOptions.StartupTimeout"/> for the database to accept connections.
/// </summary>
internal sealed class MigrationHostedService(
    string database,
    NpgsqlDataSource dataSource,
    Assembly assembly,
    string resourcePrefix,
    PostgresDatabaseOptions options,
    TimeProvider timeProvider,
    ILogger<MigrationHostedService> logger) : IHostedService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = timeProvider.GetTimestamp();
        var runner = new MigrationRunner(dataSource);
        while (true)
        {
            try
            {
                var count = await runner.ApplyAsync(assembly, resourcePrefix, cancellationToken);
                DataLog.MigrationsApplied(logger, database, count, timeProvider.GetElapsedTime(start).TotalMilliseconds);
                return;
            }
            catch (Exception e) when (IsUnreachable(e) && timeProvider.GetElapsedTime(start) < options.StartupTimeout)
            {
                DataLog.DatabaseUnavailable(logger, database, RetryDelay, e);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DataLog.MigrationsFailed(logger, database, e);
                throw;
            }
            await Task.Delay(RetryDelay, timeProvider, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The server is not (yet) accepting connections: worth waiting for.</summary>
    private static bool IsUnreachable(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is "57P03" /* cannot_connect_now */ or "53300" /* too_many_connections */,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        NpgsqlException n => n.IsTransient,
        SocketException => true,
        _ => false,
    };
}
