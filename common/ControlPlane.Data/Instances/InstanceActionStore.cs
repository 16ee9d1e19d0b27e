using Npgsql;

namespace ControlPlane.Data.Instances;

/// <summary>Reads instance actions (newest first) and the events of one action.</summary>
public sealed class InstanceActionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, instance_id, action, request_id, user_id, project_id, start_time, message, updated_at";

    /// <summary>The instance's actions, newest first, without events.</summary>
    public async Task<IReadOnlyList<InstanceActionRecord>> ListAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM instance_actions WHERE instance_id = @i ORDER BY start_time DESC, id DESC");
        cmd.Parameters.AddWithValue("i", instanceId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<InstanceActionRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader, []));
        }
        return list;
    }

    /// <summary>The action of <paramref name="requestId"/> on the instance with its events, or <c>null</c>.</summary>
    public async Task<InstanceActionRecord?> GetAsync(Guid instanceId, string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long actionId;
        InstanceActionRecord action;
        await using (var cmd = new NpgsqlCommand($"SELECT {Columns} FROM instance_actions WHERE instance_id = @i AND request_id = @r ORDER BY id DESC LIMIT 1", connection))
        {
            cmd.Parameters.AddWithValue("i", instanceId);
            cmd.Parameters.AddWithValue("r", requestId);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            actionId = reader.GetInt64(0);
            action = Read(reader, []);
        }
        await using var events = new NpgsqlCommand(
            "SELECT event, start_time, finish_time, result, traceback, host FROM instance_action_events WHERE action_id = @a ORDER BY start_time, id",
            connection);
        events.Parameters.AddWithValue("a", actionId);
        await using var er = await events.ExecuteReaderAsync(cancellationToken);
        var list = new List<InstanceActionEventRecord>();
        while (await er.ReadAsync(cancellationToken))
        {
            list.Add(new InstanceActionEventRecord(er.GetString(0), er.GetFieldValue<DateTimeOffset>(1),
                er.IsDBNull(2) ? null : er.GetFieldValue<DateTimeOffset>(2), er.IsDBNull(3) ? null : er.GetString(3),
                er.IsDBNull(4) ? null : er.GetString(4), er.IsDBNull(5) ? null : er.GetString(5)));
        }
        return action with { Events = list };
    }

    private static InstanceActionRecord Read(NpgsqlDataReader r, IReadOnlyList<InstanceActionEventRecord> events) => new(
        r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6),
        r.IsDBNull(7) ? null : r.GetString(7), r.GetFieldValue<DateTimeOffset>(8), events);
}
