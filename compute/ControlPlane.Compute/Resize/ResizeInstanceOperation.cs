using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Resize;

/// <summary>
/// resize_instance on the source (Nova's <c>resize_instance</c> / <c>migrate_disk_and_power_off</c>): task
/// resize_migrating, the driver keeps the VM as <c>-orig</c> and streams its disks to the destination through a
/// <see cref="GrpcMigrationDiskSink"/> (progress 20..80 from <see cref="ResizeProgress"/>), then reports migrated with
/// the power state. The driver rolls a failure back on the source (a <c>ResizeRefusedException</c> too), so a failure
/// is reported with rollback: the instance goes back to its vm_state on the source with the fault.
/// </summary>
public sealed class ResizeInstanceOperation(IVirtDriver driver, IMigrationDiskSinks sinks, IOptions<ResizeOptions> options)
    : ResizeStepOperation<ResizeInstance>
{
    /// <inheritdoc />
    protected override string SuccessStep => "migrated";

    /// <inheritdoc />
    protected override bool FailureRollsBack => true;

    /// <inheritdoc />
    public override InstanceOperation Definition(ResizeInstance message) => ResizeOperations.Migrate;

    /// <inheritdoc />
    public override InstanceSpec? Spec(ResizeInstance message) => message?.Instance;

    /// <inheritdoc />
    public override MigrationContext? Context(ResizeInstance message) => message?.Migration;

    /// <summary>
    /// Restart recovery: a redelivered resize_instance (this compute died during the transfer) first restores what the
    /// interrupted run left (<c>-orig</c> renamed back, powered as before), then runs the migration again from the
    /// start; the destination replaces the disks it already had. If the destination restarted too it refuses the
    /// token and the failure rolls the instance back to this host.
    /// </summary>
    public override async Task<OperationStart> PrepareAsync(OperationRun<ResizeInstance> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var resize = FeatureDrivers.Require<IResizeDriver>(driver);
        if (run.Redelivered && await resize.HasOriginalAsync(run.Instance, cancellationToken).ConfigureAwait(false))
        {
            await resize.FinishRevertMigrationAsync(run.Instance, run.Message.Migration.PowerOn, cancellationToken).ConfigureAwait(false);
        }
        return OperationStart.Run;
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(OperationRun<ResizeInstance> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var resize = FeatureDrivers.Require<IResizeDriver>(driver);
        await run.ReportProgressAsync(TaskState.ResizeMigrating, cancellationToken).ConfigureAwait(false);
        var context = run.Message.Migration;
        var progress = new ResizeProgressReports<ResizeInstance>(run, TaskState.ResizeMigrating);
        var sink = sinks.Create(MigrationId(run), context.DestTransferEndpoint, context.TransferToken);
        await resize.MigrateDiskAndPowerOffAsync(run.Instance, NewInstance(run), sink, options.Value.CleanShutdownTimeout, progress, cancellationToken)
            .ConfigureAwait(false);
        await progress.FlushAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task CompleteStepAsync(OperationRun<ResizeInstance> run, MigrationStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        step.PowerState = (int)DriverPowerState.Shutdown;
        step.Progress = (int)ResizeProgress.LeafSent;
        return Task.CompletedTask;
    }
}
