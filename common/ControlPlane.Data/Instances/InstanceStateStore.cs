using ControlPlane.Domain.Errors;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Instances;

/// <summary>
/// The one place that writes instance state transitions. Every write is a compare-and-set on the
/// expected task state in a single UPDATE; a lost race raises <see cref="UnexpectedTaskStateException"/>
/// (409) and a missing or deleted instance raises <see cref="NotFoundException"/> (404).
/// </summary>
public sealed class InstanceStateStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>Applies <paramref name="transition"/> to the instance, on <paramref name="tx"/>'s connection when given.</summary>
    public async Task ApplyAsync(Guid instanceId, TaskStateTransition transition, NpgsqlTransaction? tx = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var expected = transition.ExpectedTaskStates;
        if (expected is null || expected.Count == 0)
        {
            throw new ArgumentException("A task-state transition needs at least one expected task state (null = none).", nameof(transition));
        }
        if (transition.Progress is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(transition), transition.Progress, "Progress must be between 0 and 100.");
        }
        if (tx is not null && tx.Connection is null)
        {
            throw new InvalidOperationException("The transaction is already completed.");
        }
        if (transition.ClearHost && transition.Host is not null)
        {
            throw new ArgumentException("A transition cannot both set and clear the host.", nameof(transition));
        }
        var expectNone = expected.Contains(null);
        var expectedValues = expected.Where(s => s is not null).Cast<string>().ToArray();

        const string sql = """
            UPDATE instances SET
                task_state  = CASE WHEN @keep_task THEN task_state ELSE @task_state END,
                vm_state    = COALESCE(@vm_state, vm_state),
                power_state = COALESCE(@power_state, power_state),
                host        = CASE WHEN @clear_host THEN NULL ELSE COALESCE(@host, host) END,
                node        = CASE WHEN @clear_host THEN NULL ELSE node END,
                system_metadata = (system_metadata || COALESCE(@sysmeta_set, '{}'::jsonb)) - @sysmeta_removed,
                launched_at = COALESCE(@launched_at, launched_at),
                progress    = COALESCE(@progress, progress),
                updated_at  = @now
            WHERE id = @id AND NOT deleted
              AND (task_state = ANY(@expected) OR (@expect_none AND task_state IS NULL))
            """;

        await using var connection = tx is null ? await dataSource.OpenConnectionAsync(cancellationToken) : null;
        await using var cmd = new NpgsqlCommand(sql, tx?.Connection ?? connection, tx);
        cmd.Parameters.AddWithValue("id", instanceId);
        cmd.Parameters.AddWithValue("keep_task", transition.KeepTaskState);
        cmd.Parameters.Add(new NpgsqlParameter("task_state", NpgsqlDbType.Text) { Value = (object?)transition.TaskState ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("vm_state", NpgsqlDbType.Text) { Value = (object?)transition.VmState ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("power_state", NpgsqlDbType.Integer) { Value = (object?)transition.PowerState ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("host", NpgsqlDbType.Text) { Value = (object?)transition.Host ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("launched_at", NpgsqlDbType.TimestampTz) { Value = (object?)transition.LaunchedAt?.ToUniversalTime() ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("progress", NpgsqlDbType.Integer) { Value = (object?)transition.Progress ?? DBNull.Value });
        cmd.Parameters.AddWithValue("clear_host", transition.ClearHost);
        cmd.Parameters.Add(new NpgsqlParameter("sysmeta_set", NpgsqlDbType.Jsonb)
        {
            Value = transition.SystemMetadata is { Count: > 0 } set ? System.Text.Json.JsonSerializer.Serialize(set) : DBNull.Value,
        });
        cmd.Parameters.Add(new NpgsqlParameter("sysmeta_removed", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (transition.SystemMetadataRemoved ?? []).ToArray() });
        cmd.Parameters.AddWithValue("now", timeProvider.GetUtcNow().ToUniversalTime());
        cmd.Parameters.Add(new NpgsqlParameter("expected", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = expectedValues });
        cmd.Parameters.AddWithValue("expect_none", expectNone);

        if (await cmd.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return;
        }

        await using var probe = new NpgsqlCommand("SELECT task_state FROM instances WHERE id = @id AND NOT deleted", tx?.Connection ?? connection, tx);
        probe.Parameters.AddWithValue("id", instanceId);
        var actual = await probe.ExecuteScalarAsync(cancellationToken);
        if (actual is null)
        {
            throw new NotFoundException($"Instance {instanceId} could not be found.");
        }
        throw new UnexpectedTaskStateException(instanceId.ToString(), string.Join("|", expected.Select(e => e ?? "None")), actual as string);
    }
}
