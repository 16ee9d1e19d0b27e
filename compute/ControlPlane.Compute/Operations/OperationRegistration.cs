using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Messaging.Consuming;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ControlPlane.Compute.Operations;

/// <summary>How an instance operation registers on the compute's consumer: one line per cast,
/// <c>consumer.HandleOperation&lt;PauseInstance, PauseInstanceOperation&gt;()</c>.</summary>
public static class OperationRegistration
{
    /// <summary>Registers <typeparamref name="TSteps"/> (a singleton) as the steps of <typeparamref name="TMessage"/>
    /// and <see cref="OperationHandler{TMessage}"/> as its handler.</summary>
    public static RpcConsumerBuilder HandleOperation<TMessage, TSteps>(this RpcConsumerBuilder consumer)
        where TMessage : class, IMessage<TMessage>, new()
        where TSteps : OperationSteps<TMessage>
    {
        ArgumentNullException.ThrowIfNull(consumer);
        consumer.Services.TryAddSingleton<TSteps>();
        consumer.Services.TryAddSingleton<OperationSteps<TMessage>>(sp => sp.GetRequiredService<TSteps>());
        return consumer.Handle<TMessage, OperationHandler<TMessage>>();
    }

    /// <summary>Registers an operation that is one driver call (<see cref="DriverCall{TMessage, TFeature}"/>) as the
    /// steps of <typeparamref name="TMessage"/>: <c>consumer.HandleDriverCall(PauseSuspendCalls.Pause)</c>.</summary>
    public static RpcConsumerBuilder HandleDriverCall<TMessage, TFeature>(this RpcConsumerBuilder consumer, DriverCall<TMessage, TFeature> call)
        where TMessage : class, IMessage<TMessage>, new()
        where TFeature : class
    {
        ArgumentNullException.ThrowIfNull(consumer);
        consumer.Services.TryAddSingleton<OperationSteps<TMessage>>(sp =>
            new DriverCallOperation<TMessage, TFeature>(sp.GetRequiredService<IVirtDriver>(), call));
        return consumer.Handle<TMessage, OperationHandler<TMessage>>();
    }
}
