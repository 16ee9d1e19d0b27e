using System.Collections.Concurrent;
using ControlPlane.Messaging.Configuration;
using ControlPlane.Messaging.Connection;
using ControlPlane.Messaging.Diagnostics;
using ControlPlane.Messaging.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ControlPlane.Messaging.Publishing;

/// <summary>
/// The process's one reply queue (<c>reply.&lt;connection&gt;.&lt;uuid&gt;</c>, exclusive, auto-delete,
/// client-named so topology recovery re-creates it under the same name). Replies are matched to
/// waiting calls by correlation id.
/// </summary>
internal sealed class ReplyListener(RabbitConnectionManager connections, IOptions<RpcOptions> options, ILogger<ReplyListener> logger)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RpcReply>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _channel;

    /// <summary>Name of the reply queue.</summary>
    public string QueueName { get; } = "reply." + Sanitize(options.Value.ConnectionName) + "." + Guid.NewGuid().ToString("N");

    /// <summary>Number of calls waiting for a reply.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Declares the reply queue and starts consuming it (once per process).</summary>
    public async Task EnsureStartedAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (_channel is not null)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is not null)
            {
                return;
            }
            var connection = await connections.WaitForOpenAsync(maxWait, "declaring the reply queue", cancellationToken);
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                await channel.QueueDeclareAsync(QueueName, durable: false, exclusive: true, autoDelete: true, arguments: null, cancellationToken: cancellationToken);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += OnReplyAsync;
                await channel.BasicConsumeAsync(QueueName, autoAck: true, consumer, cancellationToken);
            }
            catch
            {
                await channel.DisposeAsync();
                throw;
            }
            _channel = channel;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Registers a call; the task completes when its reply arrives.</summary>
    public (string CorrelationId, Task<RpcReply> Reply) Register()
    {
        var correlationId = Guid.NewGuid().ToString("N");
        var tcs = new TaskCompletionSource<RpcReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlationId] = tcs;
        return (correlationId, tcs.Task);
    }

    /// <summary>Stops waiting for <paramref name="correlationId"/> (done, timed out or cancelled).</summary>
    public void Forget(string correlationId) => _pending.TryRemove(correlationId, out _);

    public async ValueTask DisposeAsync()
    {
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }
        if (_channel is { } channel)
        {
            _channel = null;
            await channel.DisposeAsync();
        }
    }

    private Task OnReplyAsync(object sender, BasicDeliverEventArgs ea)
    {
        var correlationId = ea.BasicProperties.CorrelationId;
        if (correlationId is null || !_pending.TryRemove(correlationId, out var tcs))
        {
            MessagingLog.UnmatchedReply(logger, correlationId ?? "(none)");
            return Task.CompletedTask;
        }
        var headers = ea.BasicProperties.Headers;
        var isError = RpcMessageHeaders.ReadString(headers, RpcMessageHeaders.StatusHeader) == "error";
        tcs.TrySetResult(new RpcReply(isError, RpcMessageHeaders.ReadString(headers, RpcMessageHeaders.TypeHeader), ea.Body.ToArray()));
        return Task.CompletedTask;
    }

    private static string Sanitize(string name)
    {
        var chars = name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(64).ToArray();
        return chars.Length == 0 ? "process" : new string(chars);
    }
}
