using ControlPlane.Domain.Errors;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.ServerGroups;

/// <summary>Server groups (tables <c>server_groups</c>, <c>server_group_members</c>). A project id of null means every project (admin).</summary>
public sealed class ServerGroupStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, project_id, user_id, name, policy, max_server_per_host, created_at";

    /// <summary>
    /// Inserts a group unless its project already holds its <c>server_groups</c> quota (403, nothing written);
    /// the count and the insert run under a per-project advisory lock, so concurrent creates cannot both pass.
    /// </summary>
    public async Task<ServerGroupRecord> InsertAsync(NewServerGroup group, int defaultLimit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('server_groups:' || @p))", connection, tx))
        {
            lockCmd.Parameters.AddWithValue("p", group.ProjectId);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }
        var limit = await ServerGroupQuota.LimitAsync(connection, tx, group.ProjectId, ServerGroupQuota.Groups, defaultLimit, cancellationToken);
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM server_groups WHERE project_id = @p", connection, tx))
        {
            count.Parameters.AddWithValue("p", group.ProjectId);
            if (limit >= 0 && (long)(await count.ExecuteScalarAsync(cancellationToken))! >= limit)
            {
                throw new OverQuotaException("Quota exceeded, too many server groups.");
            }
        }
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO server_groups (id, project_id, user_id, name, policy, max_server_per_host, created_at)
            VALUES (@id, @p, @u, @name, @policy, @max, @now)
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("id", group.Id);
            insert.Parameters.AddWithValue("p", group.ProjectId);
            insert.Parameters.AddWithValue("u", group.UserId);
            insert.Parameters.AddWithValue("name", group.Name);
            insert.Parameters.AddWithValue("policy", group.Policy);
            insert.Parameters.Add(new NpgsqlParameter("max", NpgsqlDbType.Integer) { Value = (object?)group.MaxServerPerHost ?? DBNull.Value });
            insert.Parameters.AddWithValue("now", group.Now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return new ServerGroupRecord(group.Id, group.ProjectId, group.UserId, group.Name, group.Policy, group.MaxServerPerHost, group.Now, []);
    }

    /// <summary>A page of groups (oldest first) of <paramref name="projectId"/>, or of every project when null.</summary>
    public async Task<IReadOnlyList<ServerGroupRecord>> ListAsync(string? projectId, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM server_groups WHERE @p::text IS NULL OR project_id = @p
            ORDER BY created_at, id LIMIT @limit OFFSET @offset
            """);
        cmd.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Text) { Value = (object?)projectId ?? DBNull.Value });
        cmd.Parameters.AddWithValue("limit", limit);
        cmd.Parameters.AddWithValue("offset", offset);
        return await ReadWithMembersAsync(cmd, cancellationToken);
    }

    /// <summary>The group if it exists and belongs to <paramref name="projectId"/> (any project when null); else null.</summary>
    public async Task<ServerGroupRecord?> FindAsync(Guid id, string? projectId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM server_groups WHERE id = @id AND (@p::text IS NULL OR project_id = @p)");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Text) { Value = (object?)projectId ?? DBNull.Value });
        return (await ReadWithMembersAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Deletes the group and its memberships (its servers stay); false when not found for <paramref name="projectId"/>.</summary>
    public async Task<bool> DeleteAsync(Guid id, string? projectId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM server_groups WHERE id = @id AND (@p::text IS NULL OR project_id = @p)");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Text) { Value = (object?)projectId ?? DBNull.Value });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<ServerGroupRecord>> ReadWithMembersAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        var groups = new List<ServerGroupRecord>();
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                groups.Add(new ServerGroupRecord(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6), []));
            }
        }
        if (groups.Count == 0)
        {
            return groups;
        }
        await using var members = dataSource.CreateCommand(
            "SELECT group_id, instance_id FROM server_group_members WHERE group_id = ANY(@ids) ORDER BY created_at, instance_id");
        members.Parameters.AddWithValue("ids", groups.Select(g => g.Id).ToArray());
        var byGroup = new Dictionary<Guid, List<Guid>>();
        await using (var reader = await members.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var list = byGroup.TryGetValue(reader.GetGuid(0), out var l) ? l : byGroup[reader.GetGuid(0)] = [];
                list.Add(reader.GetGuid(1));
            }
        }
        return groups.Select(g => g with { Members = byGroup.GetValueOrDefault(g.Id) ?? [] }).ToList();
    }
}
