using System.Collections.Concurrent;
using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Stands in for RabbitMQ at this level: records every cast with its topic so a test can assert
/// what the api asked the conductor or a compute host to do. A call is answered by the responder a test registered
/// for its topic (<see cref="Answer"/>); any other call fails the test.
/// </summary>
public sealed class RecordingRpcClient : IRpcClient
{
    private readonly ConcurrentQueue<(string Topic, IMessage Message)> casts = new();
    private readonly ConcurrentDictionary<string, Func<IMessage, IMessage>> responders = new(StringComparer.Ordinal);

    /// <summary>Answers every call to <paramref name="topic"/> with <paramref name="responder"/> (a test's own compute host).</summary>
    public void Answer(string topic, Func<IMessage, IMessage> responder) => responders[topic] = responder;

    /// <summary>Every cast so far, in order.</summary>
    public IReadOnlyList<(string Topic, IMessage Message)> Casts => casts.ToArray();

    /// <inheritdoc />
    public Task CastAsync(string topic, IMessage message, CancellationToken cancellationToken = default)
    {
        casts.Enqueue((topic, message));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<TReply> CallAsync<TReply>(string topic, IMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TReply : IMessage<TReply>, new() =>
        responders.TryGetValue(topic, out var responder)
            ? Task.FromResult((TReply)responder(request))
            : throw new InvalidOperationException($"The api made an unexpected call {request.Descriptor.FullName} to {topic}.");
}
