using System.Text.Json.Nodes;
using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Snapshots;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Instances;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Compute.Shelve;

/// <summary>
/// unshelve_instance (Nova's <c>_unshelve_instance</c>, and <c>start_instance</c> for a shelved instance still on its host):
/// report spawning; power the VM on when this host still holds it, else spawn it from the shelved image (the conductor
/// claimed this host); delete the shelved image and report active without the shelve keys. A failed spawn removes
/// what it left and reports the instance shelved_offloaded without a host (claim released) with the fault; the image
/// is kept, so the unshelve can be tried again.
/// </summary>
public sealed class UnshelveInstanceOperation(IVirtDriver driver, IImageSource imageSource, ISnapshotImages images, TimeProvider timeProvider)
    : OperationSteps<UnshelveInstance>
{
    private readonly SnapshotTaker _snapshots = new(driver, images);

    /// <inheritdoc />
    public override InstanceOperation Definition(UnshelveInstance message) => InstanceOperations.Unshelve;

    /// <inheritdoc />
    public override InstanceSpec? Spec(UnshelveInstance message) => message.Instance;

    /// <inheritdoc />
    public override bool RequiresFlavor => true;

    /// <inheritdoc />
    public override void Validate(UnshelveInstance message)
    {
        if (!Guid.TryParse(message.ImageId, out _))
        {
            throw new InvalidException($"UnshelveInstance for {message.Instance?.InstanceId} carries no valid image id.");
        }
    }

    /// <inheritdoc />
    public override Task<OperationStart> PrepareAsync(OperationRun<UnshelveInstance> run, CancellationToken cancellationToken)
    {
        var taskState = run.Spec.TaskState ?? "";
        if (taskState != TaskState.Unshelving)
        {
            run.Logger.Skipped(run.Definition.Name, run.Instance.InstanceName, taskState.Length == 0 ? "none" : taskState);
            return Task.FromResult(OperationStart.Skip);
        }
        return Task.FromResult(OperationStart.Run);
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(OperationRun<UnshelveInstance> run, CancellationToken cancellationToken)
    {
        var imageId = ImageId(run);
        await run.ReportProgressAsync(TaskState.Spawning, cancellationToken).ConfigureAwait(false);
        var onHost = (await driver.ListInstancesAsync(cancellationToken).ConfigureAwait(false)).Contains(run.Instance.InstanceId);
        run.Logger.Unshelving(run.Instance.InstanceName, imageId, onHost);
        if (onHost)
        {
            await driver.PowerOnAsync(run.Instance, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await driver.SpawnAsync(run.Instance with { ImageId = imageId }, imageSource, cancellationToken).ConfigureAwait(false);
        }
        await _snapshots.DeleteImageQuietlyAsync(imageId, run.Logger, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void CompleteReport(OperationRun<UnshelveInstance> run, InstanceUpdate report)
    {
        report.PowerState = (int)PowerState.Running;
        report.LaunchedAt = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow());
        report.SystemMetadataRemoved.AddRange(ShelvedMetadata.Keys);
    }

    /// <summary>An instance spawned here for the unshelve loses what the failed spawn left; one still shelved here is kept.</summary>
    public override async Task CleanUpAsync(OperationRun<UnshelveInstance> run, Exception error, CancellationToken cancellationToken)
    {
        if (run.Spec.VmState != VmState.ShelvedOffloaded)
        {
            return;
        }
        try
        {
            await driver.DestroyAsync(run.Instance, cancellationToken).ConfigureAwait(false);
        }
        catch (Virt.Errors.VirtDriverException e)
        {
            run.Logger.CleanupFailed(e, run.Instance.InstanceName);
        }
    }

    /// <summary>Offloaded: back to shelved_offloaded without a host (claim released), the fault recorded, the image kept.
    /// Still shelved on this host: the task reverts, vm_state shelved.</summary>
    public override Task ReportFailureAsync(OperationRun<UnshelveInstance> run, Exception error, InstanceFault fault, CancellationToken cancellationToken)
    {
        if (run.Spec.VmState != VmState.ShelvedOffloaded)
        {
            return base.ReportFailureAsync(run, error, fault, cancellationToken);
        }
        var report = run.Reports.Failed(fault, VmState.ShelvedOffloaded);
        report.PowerState = (int)PowerState.NoState;
        report.Offloaded = true;
        return run.ReportAsync(report, cancellationToken);
    }

    /// <inheritdoc />
    public override void AddNotificationFields(OperationRun<UnshelveInstance> run, JsonObject payload) =>
        payload["shelved_image_id"] = ImageId(run).ToString("D");

    private static Guid ImageId(OperationRun<UnshelveInstance> run) => Guid.Parse(run.Message.ImageId);
}
