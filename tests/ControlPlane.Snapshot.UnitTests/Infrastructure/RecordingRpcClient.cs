using System.Collections.Concurrent;
using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Snapshot.UnitTests.Infrastructure;

/// <summary>An in-memory <see cref="IRpcClient"/>: records casts (copies) and calls, answers calls from <see cref="OnCall"/>.</summary>
public sealed class RecordingRpcClient : IRpcClient
{
    public ConcurrentQueue<(string Topic, IMessage Message)> Casts { get; } = new();

    public Func<string, IMessage, IMessage> OnCall { get; set; } =
        (topic, request) => throw new InvalidOperationException($"Unexpected call {request.Descriptor.FullName} to {topic}.");

    /// <summary>Every call made, in order (request copies).</summary>
    public ConcurrentQueue<(string Topic, IMessage Request)> Calls { get; } = new();

    public List<T> CastsOf<T>() where T : IMessage => Casts.Select(c => c.Message).OfType<T>().ToList();

    public Task CastAsync(string topic, IMessage message, CancellationToken cancellationToken = default)
    {
        Casts.Enqueue((topic, message.Descriptor.Parser.ParseFrom(message.ToByteArray())));
        return Task.CompletedTask;
    }

    public Task<TReply> CallAsync<TReply>(string topic, IMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TReply : IMessage<TReply>, new()
    {
        Calls.Enqueue((topic, request.Descriptor.Parser.ParseFrom(request.ToByteArray())));
        return Task.FromResult((TReply)OnCall(topic, request));
    }
}
