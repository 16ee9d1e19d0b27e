using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Resize;

/// <summary>finish_revert_resize on the source (Nova's <c>finish_revert_resize</c>): the driver renames <c>-orig</c>
/// back and starts it unless the server was stopped; reports reverted with the power state. A failure is ERROR.</summary>
public sealed class FinishRevertResizeOperation(IVirtDriver driver) : ResizeStepOperation<FinishRevertResize>
{
    /// <inheritdoc />
    protected override string SuccessStep => "reverted";

    /// <inheritdoc />
    public override InstanceOperation Definition(FinishRevertResize message) => ResizeOperations.FinishRevert;

    /// <inheritdoc />
    public override InstanceSpec? Spec(FinishRevertResize message) => message?.Instance;

    /// <inheritdoc />
    public override MigrationContext? Context(FinishRevertResize message) => message?.Migration;

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<FinishRevertResize> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return FeatureDrivers.Require<IResizeDriver>(driver).FinishRevertMigrationAsync(run.Instance, run.Message.Migration.PowerOn, cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task CompleteStepAsync(OperationRun<FinishRevertResize> run, MigrationStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(step);
        step.PowerState = (int)await driver.GetPowerStateAsync(run.Instance, cancellationToken).ConfigureAwait(false);
    }
}
