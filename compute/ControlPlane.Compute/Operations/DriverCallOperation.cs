using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;

namespace ControlPlane.Compute.Operations;

/// <summary>The steps of a <see cref="DriverCall{TMessage, TFeature}"/>: the feature's driver call, then the definition's
/// final vm_state with the call's power state; failures as every <see cref="PowerOperation{TMessage}"/>.</summary>
/// <typeparam name="TMessage">The cast.</typeparam>
/// <typeparam name="TFeature">The driver interface of the feature.</typeparam>
public sealed class DriverCallOperation<TMessage, TFeature>(IVirtDriver driver, DriverCall<TMessage, TFeature> call)
    : PowerOperation<TMessage>(driver)
    where TMessage : IMessage
    where TFeature : class
{
    /// <inheritdoc />
    protected override PowerState SucceededPower => call.SucceededPower;

    /// <inheritdoc />
    public override InstanceOperation Definition(TMessage message) => call.Definition;

    /// <inheritdoc />
    public override InstanceSpec? Spec(TMessage message) => call.Spec(message);

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<TMessage> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return call.Call(FeatureDrivers.Require<TFeature>(Driver), run.Instance, cancellationToken);
    }
}
