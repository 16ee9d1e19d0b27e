using Npgsql;

namespace ControlPlane.Scheduler.IntegrationTests.Infrastructure;

/// <summary>Inserts uniquely named rows the tests own (instances, services, compute nodes).</summary>
public static class TestData
{
    /// <summary>A host name no other test uses.</summary>
    public static string UniqueHost(string prefix = "sched-it") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Inserts an instance in building/scheduling (as the api does) and returns its id.</summary>
    public static async Task<Guid> InsertInstanceAsync(
        NpgsqlDataSource db, int memoryMb = 512, int vcpus = 1, int rootGb = 1, string? host = null,
        string vmState = "building", string? taskState = "scheduling", bool deleted = false)
    {
        var id = Guid.NewGuid();
        await using var cmd = db.CreateCommand("""
            INSERT INTO instances (id, project_id, user_id, display_name, flavor_id, flavor, image_ref, vm_state, task_state,
                                   host, reservation_id, created_at, updated_at, deleted)
            VALUES (@id, 'sched-it-project', 'sched-it-user', @name, 'it', @flavor::jsonb, 'image-it', @vm, @task,
                    @host, 'r-it', now(), now(), @deleted)
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("name", "sched-it-" + id.ToString("N")[..8]);
        cmd.Parameters.AddWithValue("flavor", $$"""{"id":"it","name":"it.flavor","memory_mb":{{memoryMb}},"vcpus":{{vcpus}},"root_gb":{{rootGb}},"ephemeral_gb":0,"swap_mb":0}""");
        cmd.Parameters.AddWithValue("vm", vmState);
        cmd.Parameters.AddWithValue("task", (object?)taskState ?? DBNull.Value);
        cmd.Parameters.AddWithValue("host", (object?)host ?? DBNull.Value);
        cmd.Parameters.AddWithValue("deleted", deleted);
        await cmd.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>
    /// Creates the compute service row of a test host, disabled: a scheduler of a running stack
    /// sharing this database must never place real instances on a fictitious host.
    /// </summary>
    public static async Task InsertDisabledServiceAsync(NpgsqlDataSource db, string host)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO services (host, binary_name, topic, disabled, disabled_reason, created_at, updated_at)
            VALUES (@host, 'controlplane-compute', 'compute', true, 'scheduler integration test host', now(), now())
            """);
        cmd.Parameters.AddWithValue("host", host);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query.</summary>
    public static async Task<T?> ScalarAsync<T>(NpgsqlDataSource db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        var result = await cmd.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }
}
