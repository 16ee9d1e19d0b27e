using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Power;

/// <summary>reboot_instance: soft or hard reboot, then active.</summary>
public sealed class RebootInstanceOperation(IVirtDriver driver) : PowerOperation<RebootInstance>(driver)
{
    /// <inheritdoc />
    public override InstanceOperation Definition(RebootInstance message) =>
        message.Hard ? InstanceOperations.RebootHard : InstanceOperations.Reboot;

    /// <inheritdoc />
    public override InstanceSpec? Spec(RebootInstance message) => message.Instance;

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<RebootInstance> run, CancellationToken cancellationToken) =>
        Driver.RebootAsync(run.Instance, run.Message.Hard, cancellationToken);
}
