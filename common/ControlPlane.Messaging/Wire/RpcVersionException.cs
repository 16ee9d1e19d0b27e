using ControlPlane.Domain.Errors;

namespace ControlPlane.Messaging.Wire;

/// <summary>
/// A receiver refused a message whose <c>rpc_version</c> it does not implement (another major version, or a
/// newer minor): the sender runs newer code than the receiver. A deployment fault, not the user's: HTTP 500
/// (Nova's <c>computeFault</c>) when it reaches an API edge. The message is dead-lettered, never half-handled.
/// </summary>
public sealed class RpcVersionException : ControlPlaneException
{
    /// <summary>Creates the error from a message (the form the RPC error envelope rebuilds on the caller).</summary>
    public RpcVersionException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the error for a message of <paramref name="messageType"/> sent as <paramref name="sent"/> to a receiver implementing <paramref name="supported"/>.</summary>
    public RpcVersionException(string topic, string messageType, string sent, RpcVersion supported)
        : base($"{topic} cannot handle {messageType} at RPC version {sent}: it implements {supported} (same major, minor up to {supported.Minor}).")
    {
    }

    /// <inheritdoc />
    public override int HttpStatus => 500;

    /// <inheritdoc />
    public override string NovaFault => "computeFault";
}
