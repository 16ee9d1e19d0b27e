using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.PauseSuspend;

/// <summary>unpause_instance: unpause the paused instance (XenAPI <c>VM.unpause</c>), then active / Running.</summary>
public sealed class UnpauseInstanceOperation(IVirtDriver driver) : PowerOperation<UnpauseInstance>(driver)
{
    /// <inheritdoc />
    protected override PowerState SucceededPower => PowerState.Running;

    /// <inheritdoc />
    public override InstanceOperation Definition(UnpauseInstance message) => InstanceOperations.Unpause;

    /// <inheritdoc />
    public override InstanceSpec? Spec(UnpauseInstance message) => message.Instance;

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<UnpauseInstance> run, CancellationToken cancellationToken) =>
        FeatureDrivers.Require<IPauseDriver>(Driver).UnpauseAsync(run.Instance, cancellationToken);
}
