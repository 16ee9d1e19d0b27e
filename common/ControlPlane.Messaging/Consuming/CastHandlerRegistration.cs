using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Messaging.Consuming;

/// <summary>A cast handler: <typeparamref name="THandler"/> handles <typeparamref name="TMessage"/>.</summary>
internal sealed class CastHandlerRegistration<TMessage, THandler> : IHandlerRegistration
    where TMessage : class, IMessage<TMessage>, new()
    where THandler : class, IRpcHandler<TMessage>
{
    private static readonly MessageParser<TMessage> TypedParser = new(() => new TMessage());

    public string MessageType { get; } = new TMessage().Descriptor.FullName;

    public bool IsCall => false;

    public MessageParser Parser => TypedParser;

    public async Task<IMessage?> InvokeAsync(IServiceProvider services, IMessage message, RpcContext context, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<THandler>().HandleAsync((TMessage)message, context, cancellationToken);
        return null;
    }
}
