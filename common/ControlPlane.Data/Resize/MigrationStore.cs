using ControlPlane.Domain.Migrations;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Resize;

/// <summary>
/// Reads and writes <c>migrations</c> (resize and cold migration records). Every status change is a
/// compare-and-set on the statuses it may follow, so a late or redelivered report never moves a migration back.
/// </summary>
public sealed class MigrationStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private const string Columns = """
        id, uuid, instance_id, source_compute, source_node, dest_compute, dest_node, dest_host, old_flavor_id, new_flavor_id,
        old_flavor::text, new_flavor::text, migration_type, status, old_vm_state, user_id, project_id, created_at, updated_at,
        transfer_token
        """;

    /// <summary>Inserts the migration as pre-migrating; a second insert of the same uuid changes nothing (redelivery).</summary>
    /// <returns>True when the row was inserted now.</returns>
    public async Task<bool> CreateAsync(NewMigration m, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(m);
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO migrations (uuid, instance_id, source_compute, source_node, dest_compute, dest_node, dest_host,
                old_flavor_id, new_flavor_id, old_flavor, new_flavor, migration_type, status, old_vm_state, user_id, project_id,
                created_at, updated_at, transfer_token)
            VALUES (@uuid, @instance, @src, @src, @dst, @dst, @dest_host, @old_id, @new_id, @old::jsonb, @new::jsonb, @type,
                @status, @old_vm, @user, @project, @now, @now, @token)
            ON CONFLICT (uuid) DO NOTHING
            """);
        cmd.Parameters.AddWithValue("uuid", m.Uuid);
        cmd.Parameters.AddWithValue("instance", m.InstanceId);
        cmd.Parameters.AddWithValue("src", m.SourceCompute);
        AddText(cmd, "dst", m.DestCompute);
        AddText(cmd, "dest_host", m.DestHost ?? m.DestCompute);
        cmd.Parameters.AddWithValue("old_id", m.OldFlavorId);
        cmd.Parameters.AddWithValue("new_id", m.NewFlavorId);
        cmd.Parameters.AddWithValue("old", m.OldFlavorJson);
        cmd.Parameters.AddWithValue("new", m.NewFlavorJson);
        cmd.Parameters.AddWithValue("type", m.MigrationType);
        cmd.Parameters.AddWithValue("status", MigrationStatus.PreMigrating);
        cmd.Parameters.AddWithValue("old_vm", m.OldVmState);
        AddText(cmd, "user", m.UserId);
        AddText(cmd, "project", m.ProjectId);
        cmd.Parameters.AddWithValue("token", m.TransferToken);
        cmd.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The migration with <paramref name="uuid"/>, or null.</summary>
    public async Task<MigrationRecord?> GetAsync(Guid uuid, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM migrations WHERE uuid = @u");
        cmd.Parameters.AddWithValue("u", uuid);
        return (await ReadAllAsync(cmd, cancellationToken)).FirstOrDefault();
    }

    /// <summary>The newest migration of the instance in one of <paramref name="statuses"/>, or null (Nova's
    /// <c>get_by_instance_and_status</c>).</summary>
    public async Task<MigrationRecord?> FindAsync(Guid instanceId, IReadOnlyList<string> statuses, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"SELECT {Columns} FROM migrations WHERE instance_id = @i AND status = ANY(@s) AND NOT deleted ORDER BY id DESC LIMIT 1");
        cmd.Parameters.AddWithValue("i", instanceId);
        cmd.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = statuses.ToArray() });
        return (await ReadAllAsync(cmd, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Moves the migration to <paramref name="status"/> when it is in one of <paramref name="expected"/>;
    /// false when it was not (another writer got there first).</summary>
    public async Task<bool> SetStatusAsync(Guid uuid, IReadOnlyList<string> expected, string status, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE migrations SET status = @status, updated_at = @now WHERE uuid = @u AND status = ANY(@expected)");
        cmd.Parameters.AddWithValue("u", uuid);
        cmd.Parameters.AddWithValue("status", status);
        cmd.Parameters.Add(new NpgsqlParameter("expected", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = expected.ToArray() });
        cmd.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Migrations matching <paramref name="query"/> (oldest first, or newest first for 2.59 paging).</summary>
    public async Task<IReadOnlyList<MigrationRecord>> ListAsync(MigrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var order = query.NewestFirst ? "DESC" : "ASC";
        var marker = query.NewestFirst ? "id < @marker" : "id > @marker";
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM migrations
            WHERE NOT deleted
              AND (@host::text IS NULL OR source_compute = @host OR dest_compute = @host)
              AND (@status::text IS NULL OR status = @status)
              AND (@instance::uuid IS NULL OR instance_id = @instance)
              AND (@type::text IS NULL OR migration_type = @type)
              AND (@since::timestamptz IS NULL OR updated_at >= @since)
              AND (@before::timestamptz IS NULL OR updated_at <= @before)
              AND (@user::text IS NULL OR user_id = @user)
              AND (@project::text IS NULL OR project_id = @project)
              AND (@marker::bigint IS NULL OR {marker})
            ORDER BY created_at {order}, id {order}
            LIMIT @limit
            """);
        AddText(cmd, "host", query.Host);
        AddText(cmd, "status", query.Status);
        cmd.Parameters.Add(new NpgsqlParameter("instance", NpgsqlDbType.Uuid) { Value = (object?)query.InstanceId ?? DBNull.Value });
        AddText(cmd, "type", query.MigrationType);
        cmd.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = (object?)query.ChangesSince ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.TimestampTz) { Value = (object?)query.ChangesBefore ?? DBNull.Value });
        AddText(cmd, "user", query.UserId);
        AddText(cmd, "project", query.ProjectId);
        cmd.Parameters.Add(new NpgsqlParameter("marker", NpgsqlDbType.Bigint) { Value = (object?)query.MarkerId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Bigint) { Value = (object?)query.Limit ?? DBNull.Value });
        return await ReadAllAsync(cmd, cancellationToken);
    }

    /// <summary>The migrations still holding a claim on <paramref name="host"/>, as source or destination.</summary>
    public async Task<IReadOnlyList<MigrationRecord>> ListActiveOnHostAsync(string host, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"SELECT {Columns} FROM migrations WHERE (source_compute = @h OR dest_compute = @h) AND status = ANY(@s) AND NOT deleted");
        cmd.Parameters.AddWithValue("h", host);
        cmd.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = MigrationStatus.InProgress.ToArray() });
        return await ReadAllAsync(cmd, cancellationToken);
    }

    private static async Task<IReadOnlyList<MigrationRecord>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<MigrationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new MigrationRecord
            {
                Id = reader.GetInt64(0), Uuid = reader.GetGuid(1), InstanceId = reader.GetGuid(2),
                SourceCompute = Text(reader, 3), SourceNode = Text(reader, 4), DestCompute = Text(reader, 5), DestNode = Text(reader, 6),
                DestHost = Text(reader, 7), OldFlavorId = Text(reader, 8), NewFlavorId = Text(reader, 9),
                OldFlavorJson = Text(reader, 10), NewFlavorJson = Text(reader, 11), MigrationType = reader.GetString(12),
                Status = reader.GetString(13), OldVmState = Text(reader, 14), UserId = Text(reader, 15), ProjectId = Text(reader, 16),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(17), UpdatedAt = reader.GetFieldValue<DateTimeOffset>(18),
                TransferToken = Text(reader, 19),
            });
        }
        return list;
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static void AddText(NpgsqlCommand cmd, string name, string? value) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
}
