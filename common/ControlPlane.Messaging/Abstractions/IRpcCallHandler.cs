using Google.Protobuf;

namespace ControlPlane.Messaging.Abstractions;

/// <summary>Handles one call message type and returns the reply sent to the caller's reply queue.</summary>
public interface IRpcCallHandler<in TRequest, TReply>
    where TRequest : IMessage
    where TReply : IMessage
{
    Task<TReply> HandleAsync(TRequest request, RpcContext context, CancellationToken cancellationToken);
}
