namespace ControlPlane.Messaging.Abstractions;

/// <summary>What the consumer knows about a delivered message besides its payload.</summary>
/// <param name="RequestId">The request id the sender worked for (also made current in <c>RequestContext</c>).</param>
/// <param name="MessageType">The protobuf full name from the <c>type</c> header.</param>
/// <param name="RpcVersion">The sender's RPC API version, <c>major.minor</c>.</param>
/// <param name="Redelivered">True when the broker delivers this message again.</param>
public sealed record RpcContext(string RequestId, string MessageType, string RpcVersion, bool Redelivered);
