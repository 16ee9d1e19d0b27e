using System.Net.Sockets;
using ControlPlane.Data.Diagnostics;
using ControlPlane.Hosting.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ControlPlane.Data.Resilience;

/// <summary>
/// PostgreSQL's transient failures as Npgsql raises them. <see cref="TransientFaultKind.NotStarted"/>: the server
/// refused or was not ready for a new connection (connection refused, 57P03 cannot_connect_now, 53300 too many
/// connections, 08001/08004 connection rejected). <see cref="TransientFaultKind.Interrupted"/>: the connection
/// broke under the work (57P01 admin shutdown, 57P02 crash shutdown, any other 08xxx, or what
/// <see cref="NpgsqlException.IsTransient"/> calls transient: I/O errors, timeouts). A broken connection also
/// clears the pools of this process's data sources: after a server restart every idle pooled connection is dead
/// (Npgsql does not check them when it hands them out), and without the clear each would fail one more request.
/// </summary>
public sealed class NpgsqlTransientFaultClassifier(IServiceProvider services, ILogger<NpgsqlTransientFaultClassifier> logger) : ITransientFaultClassifier
{
    private long _lastClearTicks;

    /// <inheritdoc />
    public TransientFaultKind Classify(Exception exception)
    {
        var kind = KindOf(exception);
        if (kind == TransientFaultKind.Interrupted)
        {
            ClearPools(exception);
        }
        return kind;
    }

    /// <summary>The kind of <paramref name="exception"/> without side effects.</summary>
    public static TransientFaultKind KindOf(Exception exception) => exception switch
    {
        PostgresException { SqlState: "57P03" or "53300" or "08001" or "08004" } => TransientFaultKind.NotStarted,
        PostgresException { SqlState: "57P01" or "57P02" } => TransientFaultKind.Interrupted,
        PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal) => TransientFaultKind.Interrupted,
        PostgresException => TransientFaultKind.None,
        NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable } }
            => TransientFaultKind.NotStarted,
        NpgsqlException n when n.IsTransient => TransientFaultKind.Interrupted,
        _ => TransientFaultKind.None,
    };

    private void ClearPools(Exception exception)
    {
        // At most once a second: a burst of failures after one restart needs one clear.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastClearTicks);
        if (now - last < 1000 || Interlocked.CompareExchange(ref _lastClearTicks, now, last) != last)
        {
            return;
        }
        foreach (var dataSource in services.GetKeyedServices<NpgsqlDataSource>(KeyedService.AnyKey).Concat(services.GetServices<NpgsqlDataSource>()).Distinct())
        {
            dataSource.Clear();
        }
        DataLog.PoolsCleared(logger, exception.GetType().Name, exception.Message);
    }
}
