using System.Collections.Concurrent;
using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// Records the casts the conductor sends to compute hosts instead of publishing them, so these tests
/// never put work on a real compute's queue (the hosts here are fictitious). The conductor's own
/// state lives in the real PostgreSQL and the real Orleans cluster.
/// </summary>
public sealed class RecordingRpcClient : IRpcClient
{
    /// <summary>Every cast, in order.</summary>
    public ConcurrentQueue<(string Topic, IMessage Message)> Casts { get; } = new();

    public Task CastAsync(string topic, IMessage message, CancellationToken cancellationToken = default)
    {
        Casts.Enqueue((topic, message));
        return Task.CompletedTask;
    }

    public Task<TReply> CallAsync<TReply>(string topic, IMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TReply : IMessage<TReply>, new() =>
        throw new InvalidOperationException($"The conductor makes no calls; got one to {topic}.");
}
