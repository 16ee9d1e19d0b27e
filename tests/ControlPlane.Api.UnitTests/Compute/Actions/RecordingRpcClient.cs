using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Api.UnitTests.Compute.Actions;

/// <summary>Records casts with their topic; calls are not expected from the api.</summary>
public sealed class RecordingRpcClient : IRpcClient
{
    /// <summary>Every cast, in order.</summary>
    public List<(string Topic, IMessage Message)> Casts { get; } = [];

    /// <inheritdoc />
    public Task CastAsync(string topic, IMessage message, CancellationToken cancellationToken = default)
    {
        Casts.Add((topic, message));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<TReply> CallAsync<TReply>(string topic, IMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TReply : IMessage<TReply>, new() =>
        throw new InvalidOperationException($"Unexpected call {request.Descriptor.FullName} to {topic}.");
}
