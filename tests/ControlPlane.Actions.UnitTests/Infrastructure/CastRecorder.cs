using System.Collections.Concurrent;
using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Actions.UnitTests.Infrastructure;

/// <summary>An in-memory <see cref="IRpcClient"/> that records casts; calls are not expected.</summary>
public sealed class CastRecorder : IRpcClient
{
    public ConcurrentQueue<(string Topic, IMessage Message)> Casts { get; } = new();

    public List<T> CastsOf<T>() where T : IMessage => Casts.Select(c => c.Message).OfType<T>().ToList();

    public Task CastAsync(string topic, IMessage message, CancellationToken cancellationToken = default)
    {
        Casts.Enqueue((topic, message));
        return Task.CompletedTask;
    }

    public Task<TReply> CallAsync<TReply>(string topic, IMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TReply : IMessage<TReply>, new() =>
        throw new InvalidOperationException($"Unexpected call {request.Descriptor.FullName} to {topic}.");
}
