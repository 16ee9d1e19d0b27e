using Npgsql;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>Read-only look-ups in the controlplane database, for assertions the API does not expose.</summary>
public sealed class Database(StackEnvironment stack)
{
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(stack.ControlPlaneConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        var result = await cmd.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    /// <summary>
    /// Lifts a project's instance, core, RAM and server group quotas (-1 = unlimited), as an operator would
    /// before a scale test; the api reads the <c>quotas</c> table on every create.
    /// </summary>
    public async Task SetUnlimitedQuotaAsync(string projectId)
    {
        await using var connection = new NpgsqlConnection(stack.ControlPlaneConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO quotas (project_id, resource, hard_limit)
            SELECT @p, r, -1 FROM unnest(ARRAY['instances', 'cores', 'ram', 'server_groups', 'server_group_members']) AS r
            ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = -1
            """, connection);
        cmd.Parameters.AddWithValue("p", projectId);
        await cmd.ExecuteNonQueryAsync();
    }
}
