using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Messaging.Consuming;

/// <summary>One message type handled on a queue: how to parse it and which handler runs it.</summary>
internal interface IHandlerRegistration
{
    /// <summary>Protobuf full name (the <c>type</c> header).</summary>
    string MessageType { get; }

    /// <summary>True for call handlers (a reply is sent).</summary>
    bool IsCall { get; }

    /// <summary>Parser of the message type.</summary>
    MessageParser Parser { get; }

    /// <summary>Runs the handler resolved from <paramref name="services"/>; returns the reply of a call, <c>null</c> for a cast.</summary>
    Task<IMessage?> InvokeAsync(IServiceProvider services, IMessage message, RpcContext context, CancellationToken cancellationToken);
}
