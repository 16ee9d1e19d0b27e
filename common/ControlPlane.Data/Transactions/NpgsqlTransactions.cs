using Npgsql;

namespace ControlPlane.Data.Transactions;

/// <summary>One transaction around a compare-and-set unit of work.</summary>
public static class NpgsqlTransactions
{
    /// <summary>Runs <paramref name="work"/> in a new transaction on a connection of <paramref name="dataSource"/>:
    /// commits when it returns true (the expected state matched and everything was written), rolls back when it returns
    /// false or throws. Returns what <paramref name="work"/> returned.</summary>
    public static async Task<bool> InTransactionAsync(this NpgsqlDataSource dataSource,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await work(connection, tx).ConfigureAwait(false))
        {
            await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
