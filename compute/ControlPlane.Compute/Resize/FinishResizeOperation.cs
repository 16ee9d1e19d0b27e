using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Resize;

/// <summary>finish_resize on the destination (Nova's <c>finish_resize</c> / <c>finish_migration</c>): task resize_finish,
/// the driver builds the VM from the received disks with the new flavor and starts it unless the server was stopped;
/// reports finished with progress 100 and the power state. A failure here is ERROR (the source's <c>-orig</c> stays for
/// a revert by an operator).</summary>
public sealed class FinishResizeOperation(IVirtDriver driver, IncomingMigrations incoming) : ResizeStepOperation<FinishResize>
{
    /// <inheritdoc />
    protected override string SuccessStep => "finished";

    /// <inheritdoc />
    public override InstanceOperation Definition(FinishResize message) => ResizeOperations.Finish;

    /// <inheritdoc />
    public override InstanceSpec? Spec(FinishResize message) => message?.Instance;

    /// <inheritdoc />
    public override MigrationContext? Context(FinishResize message) => message?.Migration;

    /// <inheritdoc />
    public override async Task ExecuteAsync(OperationRun<FinishResize> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var resize = FeatureDrivers.Require<IResizeDriver>(driver);
        await run.ReportProgressAsync(TaskState.ResizeFinish, cancellationToken).ConfigureAwait(false);
        var context = run.Message.Migration;
        await resize.FinishMigrationAsync(MigrationId(run), NewInstance(run), context.AutoDiskConfig, context.PowerOn, cancellationToken)
            .ConfigureAwait(false);
        incoming.Remove(MigrationId(run));
    }

    /// <inheritdoc />
    protected override async Task CompleteStepAsync(OperationRun<FinishResize> run, MigrationStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(step);
        step.Progress = (int)ResizeProgress.Finished;
        step.PowerState = (int)await driver.GetPowerStateAsync(NewInstance(run), cancellationToken).ConfigureAwait(false);
    }
}
