using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Npgsql;

namespace ControlPlane.Scheduler.Data;

/// <summary>
/// Applies a compute host's <see cref="InstanceUpdate"/> in one transaction: the row is locked, the
/// reporting host must be the instance's host, the state change is a compare-and-set through
/// <see cref="InstanceStateStore"/> (or the delete, also checked against the expected task states),
/// then the fault, the action event and the change notification are written.
/// </summary>
public sealed class InstanceUpdateStore(NpgsqlDataSource dataSource, InstanceStateStore stateStore, TimeProvider timeProvider)
{
    /// <summary>Applies <paramref name="update"/>; returns the outcome and the instance's host (for releasing a claim).</summary>
    public async Task<(InstanceUpdateOutcome Outcome, string? Host)> ApplyAsync(Guid instanceId, InstanceUpdate update, string requestId, CancellationToken ct)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        string? host;
        string? taskState;
        await using (var probe = new NpgsqlCommand("SELECT host, task_state FROM instances WHERE id = @id AND NOT deleted FOR UPDATE", connection, tx))
        {
            probe.Parameters.AddWithValue("id", instanceId);
            await using var reader = await probe.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return (InstanceUpdateOutcome.Gone, null);
            }
            host = reader.IsDBNull(0) ? null : reader.GetString(0);
            taskState = reader.IsDBNull(1) ? null : reader.GetString(1);
        }
        if (!string.IsNullOrEmpty(update.Host) && !string.Equals(host, update.Host, StringComparison.Ordinal))
        {
            return (InstanceUpdateOutcome.WrongHost, host);
        }

        // An empty expected list means "whatever the task state is now" (the row is locked).
        IReadOnlyList<string?> expected = update.ExpectedTaskStates.Count == 0
            ? [taskState]
            : update.ExpectedTaskStates.Select(s => s.Length == 0 ? null : s).ToList();
        if (!expected.Contains(taskState))
        {
            return (InstanceUpdateOutcome.UnexpectedTaskState, host);
        }

        if (update.Deleted)
        {
            await MarkDeletedAsync(connection, tx, instanceId, now, ct);
        }
        else
        {
            try
            {
                await stateStore.ApplyAsync(instanceId, ToTransition(update, expected), tx, ct);
            }
            catch (UnexpectedTaskStateException)
            {
                return (InstanceUpdateOutcome.UnexpectedTaskState, host);
            }
        }

        if (update.Fault is { } fault && !string.IsNullOrEmpty(fault.Message))
        {
            await InstanceHistoryWriter.RecordFaultAsync(connection, tx, instanceId, fault, now, ct);
        }
        if (!string.IsNullOrEmpty(update.Event))
        {
            var result = string.IsNullOrEmpty(update.EventResult) ? InstanceEvent.Success : update.EventResult;
            await InstanceHistoryWriter.RecordEventAsync(connection, tx, instanceId,
                new InstanceEvent(update.Event, result, host, requestId, now, now), ct);
        }
        await tx.CommitAsync(ct);
        return (update.Deleted ? InstanceUpdateOutcome.Deleted : InstanceUpdateOutcome.Applied, host);
    }

    private static TaskStateTransition ToTransition(InstanceUpdate update, IReadOnlyList<string?> expected) => new()
    {
        ExpectedTaskStates = expected,
        KeepTaskState = !update.HasTaskState,
        TaskState = update.HasTaskState && update.TaskState.Length > 0 ? update.TaskState : null,
        VmState = update.HasVmState ? update.VmState : null,
        PowerState = update.HasPowerState ? update.PowerState : null,
        LaunchedAt = update.LaunchedAt?.ToDateTimeOffset(),
        Progress = update.HasProgress ? update.Progress : null,
        ClearHost = update.Offloaded,
        SystemMetadata = update.SystemMetadata.Count > 0 ? update.SystemMetadata : null,
        SystemMetadataRemoved = update.SystemMetadataRemoved.Count > 0 ? update.SystemMetadataRemoved : null,
    };

    private static async Task MarkDeletedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid instanceId, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE instances SET deleted = true, deleted_at = @now, terminated_at = @now, vm_state = @deleted,
                   task_state = NULL, updated_at = @now
            WHERE id = @id AND NOT deleted
            """, connection, tx);
        cmd.Parameters.AddWithValue("id", instanceId);
        cmd.Parameters.AddWithValue("deleted", VmState.Deleted);
        cmd.Parameters.AddWithValue("now", now);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
