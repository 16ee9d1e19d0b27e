using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.PauseSuspend;

/// <summary>resume_instance: resume the suspended instance (XenAPI <c>VM.resume(vm, false, false)</c>, the suspend image goes), then active / Running.</summary>
public sealed class ResumeInstanceOperation(IVirtDriver driver) : PowerOperation<ResumeInstance>(driver)
{
    /// <inheritdoc />
    protected override PowerState SucceededPower => PowerState.Running;

    /// <inheritdoc />
    public override InstanceOperation Definition(ResumeInstance message) => InstanceOperations.Resume;

    /// <inheritdoc />
    public override InstanceSpec? Spec(ResumeInstance message) => message.Instance;

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<ResumeInstance> run, CancellationToken cancellationToken) =>
        FeatureDrivers.Require<ISuspendDriver>(Driver).ResumeAsync(run.Instance, cancellationToken);
}
