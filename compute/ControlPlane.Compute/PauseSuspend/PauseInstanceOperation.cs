using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.PauseSuspend;

/// <summary>pause_instance: pause the running instance in memory (XenAPI <c>VM.pause</c>), then paused / Paused.</summary>
public sealed class PauseInstanceOperation(IVirtDriver driver) : PowerOperation<PauseInstance>(driver)
{
    /// <inheritdoc />
    protected override PowerState SucceededPower => PowerState.Paused;

    /// <inheritdoc />
    public override InstanceOperation Definition(PauseInstance message) => InstanceOperations.Pause;

    /// <inheritdoc />
    public override InstanceSpec? Spec(PauseInstance message) => message.Instance;

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<PauseInstance> run, CancellationToken cancellationToken) =>
        FeatureDrivers.Require<IPauseDriver>(Driver).PauseAsync(run.Instance, cancellationToken);
}
