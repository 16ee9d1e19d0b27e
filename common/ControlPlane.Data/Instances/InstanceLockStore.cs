using ControlPlane.Domain.Errors;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Instances;

/// <summary>
/// The lock of a server (Nova's <c>instances.locked</c>, <c>locked_by</c> and the <c>locked_reason</c> system metadata):
/// set or cleared together with its <c>lock</c> / <c>unlock</c> instance action in one transaction. The writes compare
/// the <c>locked_by</c> read by the caller's permission check, so an unlock that raced a lock by someone else fails
/// instead of clearing a lock it was not allowed to clear.
/// </summary>
public sealed class InstanceLockStore(NpgsqlDataSource dataSource)
{
    /// <summary>Nova's <c>locked_by</c> value for a lock set from the instance's own project.</summary>
    public const string ByOwner = "owner";

    /// <summary>Nova's <c>locked_by</c> value for a lock set from another project (an admin).</summary>
    public const string ByAdmin = "admin";

    /// <summary>
    /// Locks the live instance <paramref name="id"/> (again: a new lock replaces the old one) and records the
    /// <c>lock</c> action. <see cref="NotFoundException"/> when it is gone.
    /// </summary>
    public Task LockAsync(Guid id, string lockedBy, string? reason, InstanceActionStart action, CancellationToken cancellationToken)
    {
        if (lockedBy is not (ByOwner or ByAdmin))
        {
            throw new ArgumentOutOfRangeException(nameof(lockedBy), lockedBy, "locked_by is 'owner' or 'admin'");
        }

        const string sql = """
            UPDATE instances SET locked = true, locked_by = @by, locked_reason = @reason, updated_at = @now
            WHERE id = @id AND NOT deleted
            """;
        return WriteAsync(sql, id, action, cmd =>
        {
            cmd.Parameters.AddWithValue("by", lockedBy);
            cmd.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
        }, () => new NotFoundException($"Instance {id} could not be found."), cancellationToken);
    }

    /// <summary>
    /// Unlocks the live instance <paramref name="id"/> if its <c>locked_by</c> is still <paramref name="expectedLockedBy"/>
    /// (null: it was not locked) and records the <c>unlock</c> action. <see cref="ConflictException"/> when the lock
    /// changed meanwhile; <see cref="NotFoundException"/> when the instance is gone.
    /// </summary>
    public Task UnlockAsync(Guid id, string? expectedLockedBy, InstanceActionStart action, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE instances SET locked = false, locked_by = NULL, locked_reason = NULL, updated_at = @now
            WHERE id = @id AND NOT deleted AND locked_by IS NOT DISTINCT FROM @expected
            """;
        return WriteAsync(sql, id, action,
            cmd => cmd.Parameters.Add(new NpgsqlParameter("expected", NpgsqlDbType.Text) { Value = (object?)expectedLockedBy ?? DBNull.Value }),
            () => new ConflictException($"Instance {id} was locked or unlocked meanwhile; retry the unlock."), cancellationToken);
    }

    private async Task WriteAsync(string sql, Guid id, InstanceActionStart action, Action<NpgsqlCommand> bind, Func<Exception> missed, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var cmd = new NpgsqlCommand(sql, connection, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("now", action.Now);
            bind(cmd);
            if (await cmd.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw missed();
            }
        }

        const string insert = """
            INSERT INTO instance_actions (instance_id, action, request_id, user_id, project_id, start_time, updated_at)
            VALUES (@id, @action, @request_id, @user, @project, @now, @now)
            """;
        await using (var cmd = new NpgsqlCommand(insert, connection, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("action", action.Action);
            cmd.Parameters.AddWithValue("request_id", action.RequestId);
            cmd.Parameters.AddWithValue("user", action.UserId);
            cmd.Parameters.AddWithValue("project", action.ProjectId);
            cmd.Parameters.AddWithValue("now", action.Now);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }
}
