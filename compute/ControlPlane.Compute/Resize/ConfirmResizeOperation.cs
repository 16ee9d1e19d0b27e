using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Resize;

/// <summary>confirm_resize on the source (Nova's <c>confirm_resize</c> / <c>confirm_migration</c>): the driver destroys
/// the <c>-orig</c> VM and its disks (idempotent); reports confirmed. A failure is ERROR.</summary>
public sealed class ConfirmResizeOperation(IVirtDriver driver) : ResizeStepOperation<ConfirmResize>
{
    /// <inheritdoc />
    protected override string SuccessStep => "confirmed";

    /// <inheritdoc />
    public override InstanceOperation Definition(ConfirmResize message) => ResizeOperations.Confirm;

    /// <inheritdoc />
    public override InstanceSpec? Spec(ConfirmResize message) => message?.Instance;

    /// <inheritdoc />
    public override MigrationContext? Context(ConfirmResize message) => message?.Migration;

    /// <inheritdoc />
    public override IReadOnlyList<string>? ExpectedTaskStates(ConfirmResize message) => [Domain.States.TaskState.ResizeConfirming, ""];

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<ConfirmResize> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return FeatureDrivers.Require<IResizeDriver>(driver).ConfirmMigrationAsync(run.Instance, cancellationToken);
    }
}
