using Microsoft.Extensions.Logging;

namespace ControlPlane.Data.Diagnostics;

/// <summary>Log messages of ControlPlane.Data (EventIds 300-399; see docs/logging.md).</summary>
internal static partial class DataLog
{
    [LoggerMessage(EventId = 300, EventName = "MigrationsApplied", Level = LogLevel.Information,
        Message = "Database {Database}: applied {Count} migration(s) in {ElapsedMs} ms")]
    public static partial void MigrationsApplied(ILogger logger, string database, int count, double elapsedMs);

    [LoggerMessage(EventId = 301, EventName = "DatabaseUnavailable", Level = LogLevel.Warning,
        Message = "Database {Database} is not reachable yet; retrying migrations in {Delay}")]
    public static partial void DatabaseUnavailable(ILogger logger, string database, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 302, EventName = "MigrationsFailed", Level = LogLevel.Critical,
        Message = "Database {Database}: migrations failed; the service does not start")]
    public static partial void MigrationsFailed(ILogger logger, string database, Exception exception);

    [LoggerMessage(EventId = 310, EventName = "ConnectionPoolsCleared", Level = LogLevel.Warning,
        Message = "A database connection broke ({ErrorType}: {Error}); connection pools cleared so that dead pooled connections are not reused")]
    public static partial void PoolsCleared(ILogger logger, string errorType, string error);
}
