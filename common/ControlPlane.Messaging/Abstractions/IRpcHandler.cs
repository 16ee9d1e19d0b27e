using Google.Protobuf;

namespace ControlPlane.Messaging.Abstractions;

/// <summary>
/// Handles one cast message type. Must be idempotent: the broker redelivers a message whose
/// handler did not finish. The message is acked only after this returns; an exception
/// of a <c>ControlPlaneException</c> kind or a parse failure dead-letters it (no redelivery),
/// any other exception requeues it once, then dead-letters it.
/// </summary>
public interface IRpcHandler<in TMessage> where TMessage : IMessage
{
    Task HandleAsync(TMessage message, RpcContext context, CancellationToken cancellationToken);
}
