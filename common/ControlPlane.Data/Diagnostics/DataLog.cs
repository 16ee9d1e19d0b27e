using Microsoft.Extensions.Logging;

namespace ControlPlane.Data.Diagnostics;

/// <summary>Log messages of ControlPlane.Data (EventIds 1200-1299).</summary>
internal static partial class DataLog
{
    [LoggerMessage(EventId = 1200, EventName = "MigrationsApplied", Level = LogLevel.Information,
        Message = "Database {Database}: applied {Count} migration(s) in {ElapsedMs} ms")]
    public static partial void MigrationsApplied(ILogger logger, string database, int count, double elapsedMs);

    [LoggerMessage(EventId = 1201, EventName = "DatabaseUnavailable", Level = LogLevel.Warning,
        Message = "Database {Database} is not reachable yet; retrying migrations in {Delay}")]
    public static partial void DatabaseUnavailable(ILogger logger, string database, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1202, EventName = "MigrationsFailed", Level = LogLevel.Critical,
        Message = "Database {Database}: migrations failed; the service does not start")]
    public static partial void MigrationsFailed(ILogger logger, string database, Exception exception);
}
