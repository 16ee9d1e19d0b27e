using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Configuration;
using ControlPlane.Messaging.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ControlPlane.Messaging.Connection;

/// <summary>
/// The process's one AMQP connection, created on first use (retried until the broker answers) with
/// RabbitMQ.Client's automatic connection and topology recovery, so channels, exclusive reply
/// queues and consumers come back by themselves after an outage or a broker restart.
/// </summary>
internal sealed class RabbitConnectionManager(IOptions<RpcOptions> options, TimeProvider timeProvider, ILogger<RabbitConnectionManager> logger)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private bool _disposed;

    /// <summary>True when the connection exists and is open (not recovering).</summary>
    public bool IsOpen => _connection?.IsOpen == true;

    /// <summary>The connection name the broker shows.</summary>
    public string ConnectionName => options.Value.ConnectionName;

    /// <summary>The connection, created now if needed (one attempt; throws when the broker is unreachable).</summary>
    public async Task<IConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is { } created)
            {
                return created;
            }
            var o = options.Value;
            var factory = new ConnectionFactory
            {
                Uri = new Uri(o.ConnectionString!),
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = o.ReconnectDelay,
                RequestedHeartbeat = TimeSpan.FromSeconds(30),
                ClientProvidedName = o.ConnectionName,
            };
            var connection = await factory.CreateConnectionAsync(o.ConnectionName, cancellationToken);
            connection.ConnectionShutdownAsync += OnShutdownAsync;
            connection.RecoverySucceededAsync += OnRecoveredAsync;
            connection.ConnectionRecoveryErrorAsync += OnRecoveryErrorAsync;
            MessagingLog.Connected(logger, Endpoint(o), o.ConnectionName);
            _connection = connection;
            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="maxWait"/>) until the connection exists and is open, retrying
    /// the first connection and waiting out an automatic recovery; then throws
    /// <see cref="ServiceUnavailableException"/> naming <paramref name="purpose"/>.
    /// </summary>
    public async Task<IConnection> WaitForOpenAsync(TimeSpan maxWait, string purpose, CancellationToken cancellationToken)
    {
        var start = timeProvider.GetTimestamp();
        var delay = options.Value.ReconnectDelay;
        Exception? last = null;
        while (true)
        {
            try
            {
                var connection = await GetConnectionAsync(cancellationToken);
                if (connection.IsOpen)
                {
                    return connection;
                }
            }
            catch (Exception e) when (IsTransient(e))
            {
                last = e;
                MessagingLog.ConnectFailed(logger, Endpoint(options.Value), delay, e);
            }
            var remaining = maxWait - timeProvider.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                throw new ServiceUnavailableException(
                    $"The message broker is unavailable ({purpose}); waited {maxWait.TotalSeconds:0.###} s for it.", last);
            }
            // Short polls while a recovery is under way: the recovered connection is used as soon as it is open.
            await Task.Delay(Min(remaining, Min(delay, TimeSpan.FromMilliseconds(250))), timeProvider, cancellationToken);
        }
    }

    /// <summary>Broker failures that a later attempt may not see (as opposed to bugs or a nack).</summary>
    public static bool IsTransient(Exception e) => e is
        RabbitMQ.Client.Exceptions.BrokerUnreachableException or
        RabbitMQ.Client.Exceptions.OperationInterruptedException or
        RabbitMQ.Client.Exceptions.ConnectFailureException or
        System.IO.IOException or
        System.Net.Sockets.SocketException or
        TimeoutException;

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            if (_connection is { } connection)
            {
                _connection = null;
                await connection.CloseAsync(TimeSpan.FromSeconds(5));
                await connection.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Endpoint(RpcOptions o) =>
        Uri.TryCreate(o.ConnectionString, UriKind.Absolute, out var uri) ? $"{uri.Host}:{uri.Port}" : "(invalid URI)";

    private Task OnShutdownAsync(object sender, ShutdownEventArgs e)
    {
        if (e.Initiator != ShutdownInitiator.Application)
        {
            MessagingLog.ConnectionLost(logger, options.Value.ConnectionName, e.ReplyCode, e.ReplyText);
        }
        return Task.CompletedTask;
    }

    private Task OnRecoveredAsync(object sender, AsyncEventArgs e)
    {
        MessagingLog.ConnectionRecovered(logger, options.Value.ConnectionName);
        return Task.CompletedTask;
    }

    private Task OnRecoveryErrorAsync(object sender, ConnectionRecoveryErrorEventArgs e)
    {
        MessagingLog.RecoveryFailed(logger, options.Value.ConnectionName, e.Exception);
        return Task.CompletedTask;
    }
}
