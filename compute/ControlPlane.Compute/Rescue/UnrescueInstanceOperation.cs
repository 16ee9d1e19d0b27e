using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Rescue;

/// <summary>
/// unrescue_instance (Nova's <c>unrescue_instance</c>, reference E.5): the driver removes the rescue VM and its own
/// disks, lifts the bootlock and starts the instance, then active/none/Running. Idempotent: an instance no longer
/// rescued (a redelivery, or the rescue timeout got there first) is only powered on. A failure errors the instance out
/// (Nova's error-out context: the hypervisor state is no longer known).
/// </summary>
public sealed class UnrescueInstanceOperation(IVirtDriver driver, RescueSteps steps) : PowerOperation<UnrescueInstance>(driver)
{
    /// <inheritdoc />
    public override InstanceOperation Definition(UnrescueInstance message) => InstanceOperations.Unrescue;

    /// <inheritdoc />
    public override InstanceSpec? Spec(UnrescueInstance message) => message.Instance;

    /// <inheritdoc />
    public override string? FailureVmState => VmState.Error;

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<UnrescueInstance> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return steps.UnrescueAsync(run.Instance, powerOn: true, cancellationToken);
    }
}
