using ControlPlane.Domain.Errors;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Instances;

/// <summary>
/// The lock of a server (Nova's <c>instances.locked</c>, <c>locked_by</c> and the <c>locked_reason</c> system
/// metadata), set or cleared in one statement. An unlock compares the <c>locked_by</c> the caller's permission check
/// read, so an unlock racing a lock by someone else fails instead of clearing a lock it was not allowed to clear.
/// </summary>
public sealed class InstanceLockStore(NpgsqlDataSource dataSource)
{
    /// <summary>Nova's <c>locked_by</c> value for a lock set from the instance's own project.</summary>
    public const string ByOwner = "owner";

    /// <summary>Nova's <c>locked_by</c> value for a lock set from another project (an admin).</summary>
    public const string ByAdmin = "admin";

    /// <summary>Locks the live instance <paramref name="id"/> (again: a new lock replaces the old one).
    /// <see cref="NotFoundException"/> when it is gone.</summary>
    public async Task LockAsync(Guid id, string lockedBy, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (lockedBy is not (ByOwner or ByAdmin))
        {
            throw new ArgumentOutOfRangeException(nameof(lockedBy), lockedBy, "locked_by is 'owner' or 'admin'");
        }

        const string sql = """
            UPDATE instances SET locked = true, locked_by = @by, locked_reason = @reason, updated_at = @now
            WHERE id = @id AND NOT deleted
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("by", lockedBy);
        cmd.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
        cmd.Parameters.AddWithValue("now", now);
        if (await cmd.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new NotFoundException($"Instance {id} could not be found.");
        }
    }

    /// <summary>
    /// Unlocks the live instance <paramref name="id"/> if its <c>locked_by</c> is still <paramref name="expectedLockedBy"/>
    /// (null: it was not locked). <see cref="ConflictException"/> when the lock changed meanwhile or the instance is gone.
    /// </summary>
    public async Task UnlockAsync(Guid id, string? expectedLockedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE instances SET locked = false, locked_by = NULL, locked_reason = NULL, updated_at = @now
            WHERE id = @id AND NOT deleted AND locked_by IS NOT DISTINCT FROM @expected
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.Add(new NpgsqlParameter("expected", NpgsqlDbType.Text) { Value = (object?)expectedLockedBy ?? DBNull.Value });
        cmd.Parameters.AddWithValue("now", now);
        if (await cmd.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ConflictException($"Instance {id} was locked, unlocked or deleted meanwhile; retry the unlock.");
        }
    }
}
