using ControlPlane.Protos.Rpc.V1;
using Npgsql;

namespace ControlPlane.Scheduler.Data;

/// <summary>
/// Writes what accompanies an instance change, inside the caller's transaction: an instance fault
/// and an instance action event. (<c>NOTIFY instance_changed</c> comes from the trigger of migration
/// 100 on every write of an instance row, delivered at commit.)
/// </summary>
internal static class InstanceHistoryWriter
{
    /// <summary>Appends a fault row (shown as <c>fault</c> of an ERROR server).</summary>
    public static async Task RecordFaultAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid instanceId, InstanceFault fault, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO instance_faults (instance_id, code, message, details, host, created_at)
            VALUES (@id, @code, @message, @details, @host, @now)
            """, connection, tx);
        cmd.Parameters.AddWithValue("id", instanceId);
        cmd.Parameters.AddWithValue("code", fault.Code == 0 ? 500 : fault.Code);
        cmd.Parameters.AddWithValue("message", fault.Message);
        cmd.Parameters.AddWithValue("details", string.IsNullOrEmpty(fault.Details) ? DBNull.Value : fault.Details);
        cmd.Parameters.AddWithValue("host", string.IsNullOrEmpty(fault.Host) ? DBNull.Value : fault.Host);
        cmd.Parameters.AddWithValue("now", now);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Adds a finished event to the instance's latest action (creating a <c>create</c> action when
    /// the instance has none); an <c>Error</c> result also marks the action's message <c>Error</c>, as Nova does.
    /// </summary>
    public static async Task RecordEventAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid instanceId, InstanceEvent instanceEvent, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH latest AS (
                SELECT id FROM instance_actions WHERE instance_id = @id ORDER BY start_time DESC, id DESC LIMIT 1
            ), created AS (
                INSERT INTO instance_actions (instance_id, action, request_id, user_id, project_id, start_time, updated_at)
                SELECT i.id, 'create', @request_id, i.user_id, i.project_id, @start, @now
                FROM instances i WHERE i.id = @id AND NOT EXISTS (SELECT 1 FROM latest)
                RETURNING id
            ), target AS (
                SELECT id FROM latest UNION ALL SELECT id FROM created
            ), marked AS (
                UPDATE instance_actions SET message = 'Error', updated_at = @now
                WHERE id IN (SELECT id FROM target) AND @result = 'Error'
            )
            INSERT INTO instance_action_events (action_id, event, start_time, finish_time, result, host)
            SELECT id, @event, @start, @now, @result, @host FROM target LIMIT 1
            """, connection, tx);
        cmd.Parameters.AddWithValue("id", instanceId);
        cmd.Parameters.AddWithValue("request_id", instanceEvent.RequestId);
        cmd.Parameters.AddWithValue("event", instanceEvent.Name);
        cmd.Parameters.AddWithValue("result", instanceEvent.Result);
        cmd.Parameters.AddWithValue("host", (object?)instanceEvent.Host ?? DBNull.Value);
        cmd.Parameters.AddWithValue("start", instanceEvent.StartedAt);
        cmd.Parameters.AddWithValue("now", instanceEvent.FinishedAt);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
