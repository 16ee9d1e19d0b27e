using System.Reflection;
using Npgsql;

namespace ControlPlane.Data.Migrations;

/// <summary>
/// Applies the plain-SQL migrations embedded in an assembly (resources named
/// <c>&lt;prefix&gt;NNN_name.sql</c>) in numeric order. Each migration runs in its own transaction that
/// first takes a transaction-scoped PostgreSQL advisory lock and re-checks <c>schema_migrations</c>,
/// so several replicas starting together apply each migration exactly once, and a failed migration
/// leaves neither its changes, its record nor a held lock behind.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource)
{
    /// <summary>Advisory lock key shared by every process that migrates this database (advisory locks are per database).</summary>
    private const long LockKey = 0x436F6E74726F6C; // "Control"

    /// <summary>Applies every migration not yet recorded; returns how many this call applied.</summary>
    public async Task<int> ApplyAsync(Assembly assembly, string resourcePrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resourcePrefix);
        var scripts = Discover(assembly, resourcePrefix);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
        {
            await LockAsync(connection, tx, cancellationToken);
            await ExecuteAsync(connection, tx,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        var count = 0;
        foreach (var (resource, version, name) in scripts)
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await LockAsync(connection, tx, cancellationToken);
            if (await IsAppliedAsync(connection, tx, version, cancellationToken))
            {
                await tx.CommitAsync(cancellationToken);
                continue;
            }
            var sql = await ReadAsync(assembly, resource);
            try
            {
                await ExecuteAsync(connection, tx, sql, cancellationToken);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException($"Migration {name} failed: {e.MessageText} (SQLSTATE {e.SqlState}).", e);
            }
            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", connection, tx))
            {
                record.Parameters.AddWithValue("v", version);
                record.Parameters.AddWithValue("n", name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            count++;
        }
        return count;
    }

    /// <summary>The migrations under <paramref name="resourcePrefix"/>, ordered; duplicate versions are an error.</summary>
    internal static IReadOnlyList<(string Resource, int Version, string Name)> Discover(Assembly assembly, string resourcePrefix)
    {
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Resource: n, Version: ParseVersion(n[resourcePrefix.Length..]), Name: n[resourcePrefix.Length..]))
            .OrderBy(s => s.Version)
            .ToList();
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Migrations {string.Join(" and ", duplicate.Select(s => s.Name))} share version {duplicate.Key}; each version must be unique.");
        }
        return scripts;
    }

    private static int ParseVersion(string fileName)
    {
        var digits = new string(fileName.TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and <= 9 && int.TryParse(digits, out var v)
            ? v
            : throw new InvalidOperationException($"Migration '{fileName}' must start with a numeric version, e.g. 001_initial.sql.");
    }

    private static async Task<string> ReadAsync(Assembly assembly, string resource)
    {
        await using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' not found.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", connection, tx);
        cmd.Parameters.AddWithValue("k", LockKey);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> IsAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int version, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM schema_migrations WHERE version = @v", connection, tx);
        cmd.Parameters.AddWithValue("v", version);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
