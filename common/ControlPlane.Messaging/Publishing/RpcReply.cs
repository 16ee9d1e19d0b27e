namespace ControlPlane.Messaging.Publishing;

/// <summary>A reply received on this process's reply queue.</summary>
/// <param name="IsError">True when the body is an <c>RpcError</c> envelope.</param>
/// <param name="MessageType">The <c>type</c> header of the reply.</param>
/// <param name="Body">The reply payload.</param>
internal sealed record RpcReply(bool IsError, string? MessageType, byte[] Body);
