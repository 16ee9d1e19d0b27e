using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Resize;

/// <summary>revert_resize on the destination (Nova's <c>revert_resize</c>), also the clean-up after a failed migration:
/// destroys the new VM (if any) and every disk received for the migration; reports reverted_dest.</summary>
public sealed class RevertResizeOperation(IVirtDriver driver, IncomingMigrations incoming) : ResizeStepOperation<RevertResize>
{
    /// <inheritdoc />
    protected override string SuccessStep => "reverted_dest";

    /// <inheritdoc />
    public override InstanceOperation Definition(RevertResize message) => ResizeOperations.RevertDestination;

    /// <inheritdoc />
    public override InstanceSpec? Spec(RevertResize message) => message?.Instance;

    /// <inheritdoc />
    public override MigrationContext? Context(RevertResize message) => message?.Migration;

    /// <inheritdoc />
    public override IReadOnlyList<string>? ExpectedTaskStates(RevertResize message) =>
        [Domain.States.TaskState.ResizeReverting, Domain.States.TaskState.ResizePrep, Domain.States.TaskState.ResizeMigrating, ""];

    /// <inheritdoc />
    public override async Task ExecuteAsync(OperationRun<RevertResize> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var resize = FeatureDrivers.Require<IResizeDriver>(driver);
        incoming.Remove(MigrationId(run));
        if ((await driver.ListInstancesAsync(cancellationToken).ConfigureAwait(false)).Contains(run.Instance.InstanceId)
            && run.Message.Migration.SourceHost != run.Message.Migration.DestHost)
        {
            try
            {
                await driver.DestroyAsync(NewInstance(run), cancellationToken).ConfigureAwait(false);
            }
            catch (InstanceNotFoundException)
            {
                // Already gone: a redelivered revert.
            }
        }
        await resize.AbortIncomingMigrationAsync(MigrationId(run), cancellationToken).ConfigureAwait(false);
    }
}
