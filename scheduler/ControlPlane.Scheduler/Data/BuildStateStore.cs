using ControlPlane.Data.Transactions;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Npgsql;

namespace ControlPlane.Scheduler.Data;

/// <summary>
/// The conductor's writes of an instance during a build: each is one compare-and-set UPDATE on the
/// instance's build state (vm_state <c>building</c>, the expected host, not deleted), written in one
/// transaction with its fault, action event and change notification. A method returns false when
/// the compare-and-set found the instance in another state (another replica or the api got there first).
/// </summary>
public sealed class BuildStateStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>The instance row, or <c>null</c> when it does not exist.</summary>
    public async Task<InstanceRecord?> GetAsync(Guid instanceId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"SELECT {InstanceRecordReader.Columns} FROM instances WHERE id = @id", connection);
        cmd.Parameters.AddWithValue("id", instanceId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? InstanceRecordReader.Read(reader) : null;
    }

    /// <summary>
    /// Records the claimed host on an instance still waiting for one (building, scheduling, no host):
    /// host, node, attempts + 1, host appended to tried_hosts, and the Success event.
    /// </summary>
    public Task<bool> AssignHostAsync(Guid instanceId, string host, InstanceEvent scheduled, CancellationToken ct) =>
        dataSource.InTransactionAsync(async (connection, tx) =>
        {
            await using var cmd = new NpgsqlCommand("""
                UPDATE instances SET host = @host, node = @host, attempts = attempts + 1,
                       tried_hosts = array_append(tried_hosts, @host), updated_at = @now
                WHERE id = @id AND NOT deleted AND vm_state = @building AND task_state = @scheduling AND host IS NULL
                """, connection, tx);
            cmd.Parameters.AddWithValue("id", instanceId);
            cmd.Parameters.AddWithValue("host", host);
            AddBuildStates(cmd);
            if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            {
                return false;
            }
            await InstanceHistoryWriter.RecordEventAsync(connection, tx, instanceId, scheduled, ct);
            return true;
        }, ct);

    /// <summary>
    /// Takes a failed build off <paramref name="host"/> and puts it back to scheduling (no host), recording the host's
    /// <paramref name="hostFault"/> when given (Nova adds an instance fault on each reschedule; it is shown only if the
    /// build ends in ERROR, and a final "No valid host" names it).
    /// </summary>
    public Task<bool> DetachForRescheduleAsync(Guid instanceId, string host, InstanceFault? hostFault, CancellationToken ct) =>
        dataSource.InTransactionAsync(async (connection, tx) =>
        {
            if (!await DetachForRescheduleAsync(connection, tx, instanceId, host, ct))
            {
                return false;
            }
            if (hostFault is not null)
            {
                await InstanceHistoryWriter.RecordFaultAsync(connection, tx, instanceId, hostFault, timeProvider.GetUtcNow(), ct);
            }
            return true;
        }, ct);

    /// <summary>The instance's latest recorded fault (for example the last host's failure before a reschedule), or <c>null</c>.</summary>
    public async Task<InstanceFault?> LatestFaultAsync(Guid instanceId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT code, message, details, host FROM instance_faults WHERE instance_id = @id ORDER BY created_at DESC, id DESC LIMIT 1", connection);
        cmd.Parameters.AddWithValue("id", instanceId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        return new InstanceFault
        {
            Code = reader.GetInt32(0),
            Message = reader.GetString(1),
            Details = reader.IsDBNull(2) ? "" : reader.GetString(2),
            Host = reader.IsDBNull(3) ? "" : reader.GetString(3),
        };
    }

    /// <summary><see cref="DetachForRescheduleAsync(Guid, string, CancellationToken)"/> inside the caller's transaction.</summary>
    public async Task<bool> DetachForRescheduleAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid instanceId, string host, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE instances SET host = NULL, node = NULL, task_state = @scheduling, updated_at = @now
            WHERE id = @id AND NOT deleted AND vm_state = @building AND host = @host
            """, connection, tx);
        cmd.Parameters.AddWithValue("id", instanceId);
        cmd.Parameters.AddWithValue("host", host);
        AddBuildStates(cmd);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
        {
            return false;
        }
        return true;
    }

    /// <summary>
    /// Ends a build in ERROR (task none, no host) with <paramref name="fault"/> and an Error event.
    /// <paramref name="host"/> is the host the build was on, or <c>null</c> for an instance still
    /// waiting in scheduling (no valid host, attempts exhausted).
    /// </summary>
    public Task<bool> FailBuildAsync(Guid instanceId, string? host, InstanceFault fault, InstanceEvent failed, CancellationToken ct) =>
        dataSource.InTransactionAsync((connection, tx) => FailBuildAsync(connection, tx, instanceId, host, fault, failed, ct), ct);

    /// <summary><see cref="FailBuildAsync(Guid, string?, InstanceFault, InstanceEvent, CancellationToken)"/> inside the caller's transaction.</summary>
    public async Task<bool> FailBuildAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid instanceId, string? host, InstanceFault fault, InstanceEvent failed, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE instances SET vm_state = @error, task_state = NULL, host = NULL, node = NULL, updated_at = @now
            WHERE id = @id AND NOT deleted AND vm_state = @building
              AND ((@host::text IS NULL AND host IS NULL AND task_state = @scheduling) OR host = @host::text)
            """, connection, tx);
        cmd.Parameters.AddWithValue("id", instanceId);
        cmd.Parameters.AddWithValue("host", (object?)host ?? DBNull.Value);
        cmd.Parameters.AddWithValue("error", VmState.Error);
        AddBuildStates(cmd);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
        {
            return false;
        }
        await InstanceHistoryWriter.RecordFaultAsync(connection, tx, instanceId, fault, timeProvider.GetUtcNow(), ct);
        await InstanceHistoryWriter.RecordEventAsync(connection, tx, instanceId, failed, ct);
        return true;
    }

    /// <summary>The non-deleted instances placed on <paramref name="host"/>.</summary>
    public async Task<IReadOnlyList<InstanceRecord>> ListOnHostAsync(string host, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"SELECT {InstanceRecordReader.Columns} FROM instances WHERE host = @host AND NOT deleted ORDER BY created_at", connection);
        cmd.Parameters.AddWithValue("host", host);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<InstanceRecord>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(InstanceRecordReader.Read(reader));
        }
        return result;
    }

    private void AddBuildStates(NpgsqlCommand cmd)
    {
        cmd.Parameters.AddWithValue("building", VmState.Building);
        cmd.Parameters.AddWithValue("scheduling", TaskState.Scheduling);
        cmd.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
    }
}
