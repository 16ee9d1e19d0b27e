using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.PauseSuspend;

/// <summary>suspend_instance: suspend the running instance to disk (XenAPI <c>VM.suspend</c>, a suspend-image VDI), then suspended / Suspended.</summary>
public sealed class SuspendInstanceOperation(IVirtDriver driver) : PowerOperation<SuspendInstance>(driver)
{
    /// <inheritdoc />
    protected override PowerState SucceededPower => PowerState.Suspended;

    /// <inheritdoc />
    public override InstanceOperation Definition(SuspendInstance message) => InstanceOperations.Suspend;

    /// <inheritdoc />
    public override InstanceSpec? Spec(SuspendInstance message) => message.Instance;

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<SuspendInstance> run, CancellationToken cancellationToken) =>
        FeatureDrivers.Require<ISuspendDriver>(Driver).SuspendAsync(run.Instance, cancellationToken);
}
