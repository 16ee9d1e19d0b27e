using Npgsql;

namespace ControlPlane.Scheduler.IntegrationTests.Infrastructure;

/// <summary>Inserts server groups and memberships the tests own (as the api does at group create and boot).</summary>
public static class GroupData
{
    /// <summary>A new group of <paramref name="policy"/> (rule <c>max_server_per_host</c> when given).</summary>
    public static async Task<Guid> InsertGroupAsync(NpgsqlDataSource db, string policy, int? maxServerPerHost = null)
    {
        var id = Guid.NewGuid();
        await using var cmd = db.CreateCommand("""
            INSERT INTO server_groups (id, project_id, user_id, name, policy, max_server_per_host, created_at)
            VALUES (@id, 'sched-it-project', 'sched-it-user', @name, @policy, @max, now())
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("name", "sched-it-group-" + id.ToString("N")[..8]);
        cmd.Parameters.AddWithValue("policy", policy);
        cmd.Parameters.AddWithValue("max", (object?)maxServerPerHost ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>Makes the instance a member of the group.</summary>
    public static async Task AddMemberAsync(NpgsqlDataSource db, Guid groupId, Guid instanceId)
    {
        await using var cmd = db.CreateCommand("INSERT INTO server_group_members (group_id, instance_id, created_at) VALUES (@g, @i, now())");
        cmd.Parameters.AddWithValue("g", groupId);
        cmd.Parameters.AddWithValue("i", instanceId);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Member count of the group.</summary>
    public static async Task<long> MemberCountAsync(NpgsqlDataSource db, Guid groupId) =>
        await TestData.ScalarAsync<long>(db, "SELECT count(*) FROM server_group_members WHERE group_id = @g", ("g", groupId));

    /// <summary>The newest fault message of the instance, or null.</summary>
    public static Task<string?> FaultAsync(NpgsqlDataSource db, Guid instanceId) =>
        TestData.ScalarAsync<string>(db, "SELECT message FROM instance_faults WHERE instance_id = @i ORDER BY created_at DESC, id DESC LIMIT 1", ("i", instanceId));
}
