using Google.Protobuf;

namespace ControlPlane.Messaging.Abstractions;

/// <summary>
/// Sends protobuf messages to a topic (an AMQP queue such as <c>conductor</c> or
/// <c>compute.host1</c>) on the <c>controlplane</c> topic exchange.
/// Headers carry the message type (protobuf full name), the RPC API version, the current
/// request id and the W3C <c>traceparent</c>.
/// </summary>
public interface IRpcClient
{
    /// <summary>
    /// Fire-and-forget: a persistent message, returned only after the broker confirmed it.
    /// Throws <c>ServiceUnavailableException</c> when the broker cannot be reached or nacks.
    /// </summary>
    Task CastAsync(string topic, IMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Request/reply: waits for the handler's reply up to <paramref name="timeout"/>
    /// (default <c>rpc_response_timeout</c>, 60 s). A timeout throws
    /// <c>ServiceUnavailableException</c> naming the topic and message type; an error raised by the
    /// remote handler is rethrown here as the same <c>ControlPlaneException</c> kind.
    /// </summary>
    Task<TReply> CallAsync<TReply>(string topic, IMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TReply : IMessage<TReply>, new();
}
