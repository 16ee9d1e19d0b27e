using ControlPlane.Domain.States;
using Npgsql;

namespace ControlPlane.Scheduler.Data;

/// <summary>
/// Finds builds stuck on a down host and lets the caller settle each one inside the same
/// transaction. Rows are taken with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent scheduler replicas
/// running the reaper never act on the same instance.
/// </summary>
public sealed class StuckBuildStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Locks up to <paramref name="limit"/> instances building on a host not heard from since
    /// <paramref name="cutoff"/> (or forced down, or without a service row), calls <paramref name="settle"/>
    /// for each in the transaction, commits, and returns those <paramref name="settle"/> accepted.
    /// </summary>
    public async Task<IReadOnlyList<StuckBuild>> SettleAsync(
        DateTimeOffset cutoff, int limit,
        Func<NpgsqlConnection, NpgsqlTransaction, StuckBuild, Task<bool>> settle, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var candidates = new List<StuckBuild>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT i.id, i.host, i.attempts, s.last_seen_at, COALESCE(s.forced_down, false)
            FROM instances i
            LEFT JOIN services s ON s.host = i.host AND s.binary_name = @binary
            WHERE i.vm_state = @building AND NOT i.deleted AND i.host IS NOT NULL
              AND (s.id IS NULL OR s.forced_down OR s.last_seen_at IS NULL OR s.last_seen_at < @cutoff)
            ORDER BY i.updated_at
            LIMIT @limit
            FOR UPDATE OF i SKIP LOCKED
            """, connection, tx))
        {
            cmd.Parameters.AddWithValue("binary", ComputeService.Binary);
            cmd.Parameters.AddWithValue("building", VmState.Building);
            cmd.Parameters.AddWithValue("cutoff", cutoff);
            cmd.Parameters.AddWithValue("limit", limit);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                candidates.Add(new StuckBuild(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4)));
            }
        }

        var settled = new List<StuckBuild>();
        foreach (var candidate in candidates)
        {
            if (await settle(connection, tx, candidate))
            {
                settled.Add(candidate);
            }
        }
        await tx.CommitAsync(ct);
        return settled;
    }
}
