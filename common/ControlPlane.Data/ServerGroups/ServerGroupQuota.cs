using ControlPlane.Domain.Errors;
using Npgsql;

namespace ControlPlane.Data.ServerGroups;

/// <summary>
/// Nova's <c>server_groups</c> (groups per project) and <c>server_group_members</c> (servers per group)
/// quotas: the project's row in <c>quotas</c> overrides the configured default; -1 is unlimited.
/// </summary>
public static class ServerGroupQuota
{
    /// <summary>The <c>quotas</c> resource name of groups per project.</summary>
    public const string Groups = "server_groups";

    /// <summary>The <c>quotas</c> resource name of members per group.</summary>
    public const string Members = "server_group_members";

    /// <summary>The project's limit of <paramref name="resource"/>, or <paramref name="defaultLimit"/>.</summary>
    public static async Task<int> LimitAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string projectId, string resource, int defaultLimit, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT hard_limit FROM quotas WHERE project_id = @p AND resource = @r", connection, tx);
        cmd.Parameters.AddWithValue("p", projectId);
        cmd.Parameters.AddWithValue("r", resource);
        return await cmd.ExecuteScalarAsync(cancellationToken) is int limit ? limit : defaultLimit;
    }

    /// <summary>
    /// Adds the instance to the group inside the caller's transaction (the instance insert), after locking
    /// the group row (so concurrent boots into one group count members one at a time) and checking the
    /// members quota of the group's project: 400 when the group is gone, 403 when it is full.
    /// </summary>
    public static async Task AddMemberAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid groupId, Guid instanceId, int defaultLimit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string projectId;
        await using (var lockCmd = new NpgsqlCommand("SELECT project_id FROM server_groups WHERE id = @g FOR UPDATE", connection, tx))
        {
            lockCmd.Parameters.AddWithValue("g", groupId);
            projectId = await lockCmd.ExecuteScalarAsync(cancellationToken) as string
                ?? throw new InvalidException($"Invalid input for field/attribute group. Group {groupId} could not be found.");
        }
        var limit = await LimitAsync(connection, tx, projectId, Members, defaultLimit, cancellationToken);
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM server_group_members WHERE group_id = @g", connection, tx))
        {
            count.Parameters.AddWithValue("g", groupId);
            if (limit >= 0 && (long)(await count.ExecuteScalarAsync(cancellationToken))! >= limit)
            {
                throw new OverQuotaException("Quota exceeded, too many servers in group");
            }
        }
        await using var insert = new NpgsqlCommand("INSERT INTO server_group_members (group_id, instance_id, created_at) VALUES (@g, @i, @now)", connection, tx);
        insert.Parameters.AddWithValue("g", groupId);
        insert.Parameters.AddWithValue("i", instanceId);
        insert.Parameters.AddWithValue("now", now);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
