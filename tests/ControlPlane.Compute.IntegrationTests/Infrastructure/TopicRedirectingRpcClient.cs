using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>
/// Sends what the compute host addresses to <c>conductor</c> to a per-test queue instead, over the
/// same real RabbitMQ client, so a running stack's conductor never sees test traffic.
/// </summary>
public sealed class TopicRedirectingRpcClient(IRpcClient inner, string from, string to) : IRpcClient
{
    private string Map(string topic) => topic == from ? to : topic;

    public Task CastAsync(string topic, IMessage message, CancellationToken cancellationToken = default) =>
        inner.CastAsync(Map(topic), message, cancellationToken);

    public Task<TReply> CallAsync<TReply>(string topic, IMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TReply : IMessage<TReply>, new() =>
        inner.CallAsync<TReply>(Map(topic), request, timeout, cancellationToken);
}
