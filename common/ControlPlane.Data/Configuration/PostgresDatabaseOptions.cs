using ControlPlane.Hosting.Options;

namespace ControlPlane.Data.Configuration;

/// <summary>
/// Settings of one PostgreSQL database, as named options (name = the database's registration name, e.g.
/// <c>controlplane</c>); bound from section <c>Database:&lt;name&gt;</c>.
/// </summary>
public sealed class PostgresDatabaseOptions
{
    /// <summary>Configuration section prefix; the full section is <c>Database:&lt;name&gt;</c>.</summary>
    public const string SectionPrefix = "Database";

    /// <summary>
    /// Npgsql connection string, taken from <c>ConnectionStrings:&lt;connectionStringName&gt;</c> when not set
    /// in the section. Required. Never logged.
    /// </summary>
    [Redacted]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long start-up waits for the database to accept connections before applying migrations fails
    /// the start. Default 60 s; 0 to 10 min (0 = one attempt).
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of the readiness check query. Default 5 s; 100 ms to 1 min.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
