using System.Text.Json.Nodes;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Snapshots;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Instances;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Shelve;

/// <summary>
/// shelve_instance (Nova's <c>compute/manager.py shelve_instance</c>): power off (clean first, bounded by
/// <see cref="PowerOptions.ShutdownTimeout"/>), snapshot into the queued <c>&lt;name&gt;-shelved</c> image through the snapshot
/// path (shelving_image_pending_upload → shelving_image_uploading), record <c>shelved_at</c> / <c>shelved_image_id</c> /
/// <c>shelved_host</c> and end shelved (power Shutdown); with <see cref="ShelveOptions.ShelvedOffloadTime"/> 0 report shelved
/// with shelving_offloading, destroy the VM and its disks and end shelved_offloaded without a host. A failure before the
/// image is active deletes it; once it is active it is kept (the instance may already be shelved with it). A redelivered
/// shelve whose image is already active skips the snapshot.
/// </summary>
public sealed class ShelveInstanceOperation(
    IVirtDriver driver, ISnapshotImages images, ShelveSteps offload, IOptions<ShelveOptions> shelveOptions,
    IOptions<PowerOptions> powerOptions, TimeProvider timeProvider) : OperationSteps<ShelveInstance>
{
    private readonly SnapshotTaker _snapshots = new(driver, images);

    /// <inheritdoc />
    public override InstanceOperation Definition(ShelveInstance message) => InstanceOperations.Shelve;

    /// <inheritdoc />
    public override InstanceSpec? Spec(ShelveInstance message) => message.Instance;

    /// <inheritdoc />
    public override void Validate(ShelveInstance message)
    {
        if (!Guid.TryParse(message.ImageId, out _))
        {
            throw new InvalidException($"ShelveInstance for {message.Instance?.InstanceId} carries no valid image id.");
        }
    }

    /// <summary>A message cast for another task state stops quietly (a delete removes the image); a redelivery whose
    /// image never became active was interrupted mid-upload and fails (the image is deleted, the task reverted).</summary>
    public override async Task<OperationStart> PrepareAsync(OperationRun<ShelveInstance> run, CancellationToken cancellationToken)
    {
        var taskState = run.Spec.TaskState ?? "";
        if (taskState != TaskState.Shelving)
        {
            run.Logger.Skipped(run.Definition.Name, run.Instance.InstanceName, taskState.Length == 0 ? "none" : taskState);
            if (taskState == TaskState.Deleting)
            {
                await _snapshots.DeleteImageQuietlyAsync(ImageId(run), run.Logger, cancellationToken).ConfigureAwait(false);
            }
            return OperationStart.Skip;
        }
        if (run.Redelivered && !await images.IsActiveAsync(ImageId(run), cancellationToken).ConfigureAwait(false))
        {
            throw new DriverOperationException(
                "The shelve was interrupted: an earlier attempt did not finish its upload (the message was delivered again).", retryable: false);
        }
        return OperationStart.Run;
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(OperationRun<ShelveInstance> run, CancellationToken cancellationToken)
    {
        var imageId = ImageId(run);
        var onHost = (await driver.ListInstancesAsync(cancellationToken).ConfigureAwait(false)).Contains(run.Instance.InstanceId);
        if (!run.Redelivered || onHost)
        {
            await driver.PowerOffAsync(run.Instance, powerOptions.Value.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        }
        if (!run.Redelivered)
        {
            await _snapshots.TakeAsync(run.Instance, imageId, TaskState.ShelvingImagePendingUpload, TaskState.ShelvingImageUploading,
                run.ReportProgressAsync, cancellationToken).ConfigureAwait(false);
        }
        if (!shelveOptions.Value.OffloadsAtOnce)
        {
            return;
        }

        var shelved = run.Reports.Progress(TaskState.ShelvingOffloading, VmState.Shelved);
        shelved.PowerState = (int)PowerState.Shutdown;
        AddShelvedMetadata(run, shelved);
        await run.ReportAsync(shelved, cancellationToken).ConfigureAwait(false);
        await offload.OffloadAsync(run.Instance, run.Logger, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void CompleteReport(OperationRun<ShelveInstance> run, InstanceUpdate report)
    {
        report.PowerState = (int)PowerState.Shutdown;
        AddShelvedMetadata(run, report);
        if (shelveOptions.Value.OffloadsAtOnce)
        {
            ShelveSteps.CompleteOffloaded(report);
        }
    }

    /// <summary>The image is deleted unless the snapshot completed (then the shelve may already have recorded it).</summary>
    public override async Task CleanUpAsync(OperationRun<ShelveInstance> run, Exception error, CancellationToken cancellationToken)
    {
        bool active;
        try
        {
            active = await images.IsActiveAsync(ImageId(run), cancellationToken).ConfigureAwait(false);
        }
        catch (VirtDriverException)
        {
            active = false;
        }
        if (!active)
        {
            await _snapshots.DeleteImageQuietlyAsync(ImageId(run), run.Logger, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override void AddNotificationFields(OperationRun<ShelveInstance> run, JsonObject payload) =>
        payload["shelved_image_id"] = ImageId(run).ToString("D");

    private void AddShelvedMetadata(OperationRun<ShelveInstance> run, InstanceUpdate report)
    {
        foreach (var (key, value) in ShelvedMetadata.For(ImageId(run), run.Host, timeProvider.GetUtcNow()))
        {
            report.SystemMetadata[key] = value;
        }
    }

    private static Guid ImageId(OperationRun<ShelveInstance> run) => Guid.Parse(run.Message.ImageId);
}
