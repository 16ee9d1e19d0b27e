using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Power;

/// <summary>start_instance: power on, then active.</summary>
public sealed class StartInstanceOperation(IVirtDriver driver) : PowerOperation<StartInstance>(driver)
{
    /// <inheritdoc />
    public override InstanceOperation Definition(StartInstance message) => InstanceOperations.Start;

    /// <inheritdoc />
    public override InstanceSpec? Spec(StartInstance message) => message.Instance;

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<StartInstance> run, CancellationToken cancellationToken) =>
        Driver.PowerOnAsync(run.Instance, cancellationToken);
}
