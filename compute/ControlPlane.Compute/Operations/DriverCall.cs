using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;

namespace ControlPlane.Compute.Operations;

/// <summary>
/// An instance operation that is one call of an optional driver feature and nothing else (pause, unpause, suspend,
/// resume): its definition, where the message carries the instance, the power state it leaves, and the call. Run by
/// <see cref="DriverCallOperation{TMessage, TFeature}"/>, registered with
/// <see cref="OperationRegistration.HandleDriverCall{TMessage, TFeature}"/>, so such an operation needs no steps class.
/// </summary>
/// <typeparam name="TMessage">The cast.</typeparam>
/// <typeparam name="TFeature">The driver interface of the feature (e.g. <see cref="IPauseDriver"/>).</typeparam>
/// <param name="Definition">The operation definition (states, names, required feature).</param>
/// <param name="Spec">The instance the cast carries.</param>
/// <param name="SucceededPower">The power state the operation leaves on success.</param>
/// <param name="Call">The driver call.</param>
public sealed record DriverCall<TMessage, TFeature>(
    InstanceOperation Definition,
    Func<TMessage, InstanceSpec?> Spec,
    PowerState SucceededPower,
    Func<TFeature, VirtInstance, CancellationToken, Task> Call)
    where TMessage : IMessage
    where TFeature : class;
