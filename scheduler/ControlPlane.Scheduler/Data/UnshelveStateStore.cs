using ControlPlane.Data.Transactions;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Npgsql;

namespace ControlPlane.Scheduler.Data;

/// <summary>
/// The conductor's writes of an unshelve: each is one compare-and-set UPDATE on an offloaded instance the api set
/// to task <c>unshelving</c>, written in one transaction with its fault and action event. A method returns false
/// when the instance was found in another state (another replica, a delete or a redelivery got there first).
/// </summary>
public sealed class UnshelveStateStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>The conductor's action event of an unshelve (Nova's conductor <c>schedule_instances</c>).</summary>
    public const string ScheduleEvent = "schedule_instances";

    /// <summary>Records the claimed host on an offloaded instance waiting in unshelving without a host.</summary>
    public Task<bool> AssignHostAsync(Guid instanceId, string host, InstanceEvent scheduled, CancellationToken ct) =>
        dataSource.InTransactionAsync(async (connection, tx) =>
        {
            await using var cmd = new NpgsqlCommand("""
                UPDATE instances SET host = @host, node = @host, updated_at = @now
                WHERE id = @id AND NOT deleted AND vm_state = @offloaded AND task_state = @unshelving AND host IS NULL
                """, connection, tx);
            cmd.Parameters.AddWithValue("id", instanceId);
            cmd.Parameters.AddWithValue("host", host);
            AddStates(cmd);
            if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            {
                return false;
            }
            await InstanceHistoryWriter.RecordEventAsync(connection, tx, instanceId, scheduled, ct);
            return true;
        }, ct);

    /// <summary>Ends an unshelve that found no host: still shelved_offloaded, task none, the fault and an Error event.</summary>
    public Task<bool> FailAsync(Guid instanceId, InstanceFault fault, InstanceEvent failed, CancellationToken ct) =>
        dataSource.InTransactionAsync(async (connection, tx) =>
        {
            await using var cmd = new NpgsqlCommand("""
                UPDATE instances SET task_state = NULL, updated_at = @now
                WHERE id = @id AND NOT deleted AND vm_state = @offloaded AND task_state = @unshelving AND host IS NULL
                """, connection, tx);
            cmd.Parameters.AddWithValue("id", instanceId);
            AddStates(cmd);
            if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            {
                return false;
            }
            await InstanceHistoryWriter.RecordFaultAsync(connection, tx, instanceId, fault, timeProvider.GetUtcNow(), ct);
            await InstanceHistoryWriter.RecordEventAsync(connection, tx, instanceId, failed, ct);
            return true;
        }, ct);

    private void AddStates(NpgsqlCommand cmd)
    {
        cmd.Parameters.AddWithValue("offloaded", VmState.ShelvedOffloaded);
        cmd.Parameters.AddWithValue("unshelving", TaskState.Unshelving);
        cmd.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
    }
}
