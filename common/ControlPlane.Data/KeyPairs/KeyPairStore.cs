using ControlPlane.Domain.Errors;
using Npgsql;

namespace ControlPlane.Data.KeyPairs;

/// <summary>Key pairs of users (table <c>key_pairs</c>). Names are unique per user.</summary>
public sealed class KeyPairStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, user_id, name, type, fingerprint, public_key, created_at, updated_at";

    /// <summary>Inserts a key pair unless the user has <paramref name="maxPerUser"/> already (403) or one of that name (409).</summary>
    public async Task<KeyPairRecord> InsertAsync(string userId, string name, string type, string fingerprint, string publicKey, int maxPerUser, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The count and the insert are one statement: concurrent creates cannot both pass the limit check
        // unnoticed beyond one row (the unique constraint still rejects duplicates).
        var sql = $"""
            INSERT INTO key_pairs (user_id, name, type, fingerprint, public_key, created_at)
            SELECT @user, @name, @type, @fingerprint, @public_key, @now
            WHERE (SELECT count(*) FROM key_pairs WHERE user_id = @user) < @max
            RETURNING {Columns}
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("user", userId);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("type", type);
        cmd.Parameters.AddWithValue("fingerprint", fingerprint);
        cmd.Parameters.AddWithValue("public_key", publicKey);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("max", (long)maxPerUser);
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new OverQuotaException("Quota exceeded, too many key pairs.");
            }
            return Read(reader);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ConflictException($"Key pair '{name}' already exists.", e);
        }
    }

    /// <summary>The user's key pairs by name.</summary>
    public async Task<IReadOnlyList<KeyPairRecord>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM key_pairs WHERE user_id = @user ORDER BY name, id");
        cmd.Parameters.AddWithValue("user", userId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<KeyPairRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }
        return list;
    }

    /// <summary>One key pair of the user, or null.</summary>
    public async Task<KeyPairRecord?> FindAsync(string userId, string name, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM key_pairs WHERE user_id = @user AND name = @name");
        cmd.Parameters.AddWithValue("user", userId);
        cmd.Parameters.AddWithValue("name", name);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Deletes one key pair of the user; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string userId, string name, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM key_pairs WHERE user_id = @user AND name = @name");
        cmd.Parameters.AddWithValue("user", userId);
        cmd.Parameters.AddWithValue("name", name);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static KeyPairRecord Read(NpgsqlDataReader r) => new(
        r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7));
}
