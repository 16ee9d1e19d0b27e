using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Messaging.Consuming;

/// <summary>A call handler: <typeparamref name="THandler"/> answers <typeparamref name="TRequest"/> with <typeparamref name="TReply"/>.</summary>
internal sealed class CallHandlerRegistration<TRequest, TReply, THandler> : IHandlerRegistration
    where TRequest : class, IMessage<TRequest>, new()
    where TReply : class, IMessage<TReply>
    where THandler : class, IRpcCallHandler<TRequest, TReply>
{
    private static readonly MessageParser<TRequest> TypedParser = new(() => new TRequest());

    public string MessageType { get; } = new TRequest().Descriptor.FullName;

    public bool IsCall => true;

    public MessageParser Parser => TypedParser;

    public async Task<IMessage?> InvokeAsync(IServiceProvider services, IMessage message, RpcContext context, CancellationToken cancellationToken)
    {
        var reply = await services.GetRequiredService<THandler>().HandleAsync((TRequest)message, context, cancellationToken);
        return reply ?? throw new InvalidOperationException($"{typeof(THandler).Name} returned no reply for {MessageType}.");
    }
}
