using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Flavors;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Scheduler.Data;

/// <summary>
/// Writes a <see cref="ResizeTransition"/> in one transaction: the migration moves only from an expected status and
/// the instance only from an expected task state (through <see cref="InstanceStateStore"/>), so a redelivered or late
/// step report changes nothing; flavor, fault and event are written with them.
/// </summary>
public sealed class ResizeStateStore(NpgsqlDataSource dataSource, InstanceStateStore states, TimeProvider timeProvider)
{
    /// <summary>Applies <paramref name="t"/>; false (nothing written) when the migration or the instance was not in an expected state.</summary>
    public async Task<bool> ApplyAsync(ResizeTransition t, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(t);
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(
            "UPDATE migrations SET status = @status, updated_at = @now WHERE uuid = @u AND status = ANY(@expected)", connection, tx))
        {
            cmd.Parameters.AddWithValue("u", t.MigrationId);
            cmd.Parameters.AddWithValue("status", t.Status);
            cmd.Parameters.Add(new NpgsqlParameter("expected", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = t.ExpectedStatuses.ToArray() });
            cmd.Parameters.AddWithValue("now", now);
            if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            {
                return false;
            }
        }
        if (t.Instance is { } transition)
        {
            try
            {
                await states.ApplyAsync(t.InstanceId, transition, tx, ct);
            }
            catch (Exception e) when (e is UnexpectedTaskStateException or NotFoundException)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }
        if (t.FlavorJson is { } flavor)
        {
            await using var cmd = new NpgsqlCommand("UPDATE instances SET flavor = @f::jsonb, flavor_id = @id WHERE id = @i", connection, tx);
            cmd.Parameters.AddWithValue("f", flavor);
            cmd.Parameters.AddWithValue("id", FlavorCopy.Parse(flavor).Id);
            cmd.Parameters.AddWithValue("i", t.InstanceId);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (t.Fault is { } fault && !string.IsNullOrEmpty(fault.Message))
        {
            await InstanceHistoryWriter.RecordFaultAsync(connection, tx, t.InstanceId, fault, now, ct);
        }
        if (t.Event is { } instanceEvent)
        {
            await InstanceHistoryWriter.RecordEventAsync(connection, tx, t.InstanceId, instanceEvent, ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }
}
