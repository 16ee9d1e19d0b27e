using Npgsql;

namespace ControlPlane.Scheduler.Grains.Groups;

/// <summary>Reads <c>server_groups</c> and <c>server_group_members</c> (joined with <c>instances</c>) from PostgreSQL.</summary>
public sealed class PostgresServerGroupSource(NpgsqlDataSource dataSource) : IServerGroupSource
{
    /// <inheritdoc />
    public async Task<ServerGroupSnapshot?> LoadAsync(Guid groupId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string policy;
        int maxPerHost;
        await using (var cmd = new NpgsqlCommand("SELECT policy, max_server_per_host FROM server_groups WHERE id = @id", connection))
        {
            cmd.Parameters.AddWithValue("id", groupId);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            (policy, maxPerHost) = (reader.GetString(0), reader.IsDBNull(1) ? 1 : reader.GetInt32(1));
        }
        const string members = """
            SELECT m.instance_id, i.host, i.vm_state FROM server_group_members m JOIN instances i ON i.id = m.instance_id
            WHERE m.group_id = @id AND NOT i.deleted
            """;
        var list = new List<GroupMember>();
        await using (var cmd = new NpgsqlCommand(members, connection))
        {
            cmd.Parameters.AddWithValue("id", groupId);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new GroupMember(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
            }
        }
        return new ServerGroupSnapshot(policy, maxPerHost, list);
    }

    /// <inheritdoc />
    public async Task<Guid?> FindGroupOfAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("SELECT group_id FROM server_group_members WHERE instance_id = @id");
        cmd.Parameters.AddWithValue("id", instanceId);
        return await cmd.ExecuteScalarAsync(cancellationToken) is Guid id ? id : null;
    }
}
