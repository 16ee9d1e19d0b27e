using System.Reflection;
using Npgsql;

namespace ControlPlane.Data.Migrations;

/// <summary>
/// Applies the plain-SQL migrations embedded in an assembly (resources named
/// <c>&lt;prefix&gt;NNN_name.sql</c>) in numeric order, each in its own transaction, under a
/// PostgreSQL advisory lock so that several replicas starting together apply each exactly once.
/// Applied versions are recorded in <c>schema_migrations</c>.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource)
{
    /// <summary>Advisory lock key shared by every process that migrates this database.</summary>
    private const long LockKey = 0x436F6E74726F6C; // "Control"

    /// <summary>Applies every migration not yet recorded; returns how many were applied.</summary>
    public async Task<int> ApplyAsync(Assembly assembly, string resourcePrefix, CancellationToken cancellationToken = default)
    {
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Resource: n, Version: ParseVersion(n[resourcePrefix.Length..])))
            .OrderBy(s => s.Version)
            .ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@k)", cancellationToken, LockKey);
        try
        {
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            var applied = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var count = 0;
            foreach (var (resource, version) in scripts.Where(s => !applied.Contains(s.Version)))
            {
                var sql = await ReadAsync(assembly, resource);
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, tx, sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", connection, tx))
                {
                    record.Parameters.AddWithValue("v", version);
                    record.Parameters.AddWithValue("n", resource[resourcePrefix.Length..]);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await tx.CommitAsync(cancellationToken);
                count++;
            }
            return count;
        }
        finally
        {
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@k)", CancellationToken.None, LockKey);
        }
    }

    private static int ParseVersion(string fileName)
    {
        var digits = new string(fileName.TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 && int.TryParse(digits, out var v)
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

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, long? key = null)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        if (key is { } k)
        {
            cmd.Parameters.AddWithValue("k", k);
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
