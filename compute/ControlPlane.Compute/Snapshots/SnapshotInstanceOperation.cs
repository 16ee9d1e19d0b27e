using System.Text.Json.Nodes;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Snapshots;

/// <summary>
/// The compute side of <c>createImage</c> (Nova's <c>snapshot_instance</c>): reports image_snapshot →
/// image_pending_upload → image_uploading → none and streams the driver's image into the queued image. Any
/// failure deletes the image (it never becomes active with partial data: the upload either completes and is
/// verified by the image service, or the image is gone). No conductor call: the message carries the task
/// state the api set, and a redelivery (an earlier attempt did not finish) is told apart by the image's own
/// status: active = that attempt completed (its final report is sent again), otherwise it was interrupted
/// (the image is deleted, the task state cleared with a fault).
/// </summary>
public sealed class SnapshotInstanceOperation(IVirtDriver driver, ISnapshotImages images) : OperationSteps<SnapshotInstance>
{
    private readonly SnapshotTaker _snapshots = new(driver, images);

    /// <inheritdoc />
    public override InstanceOperation Definition(SnapshotInstance message) => InstanceOperations.CreateImage;

    /// <inheritdoc />
    public override InstanceSpec? Spec(SnapshotInstance message) => message.Instance;

    /// <inheritdoc />
    public override void Validate(SnapshotInstance message)
    {
        if (!Guid.TryParse(message.ImageId, out _))
        {
            throw new InvalidException($"SnapshotInstance for {message.Instance.InstanceId} carries no valid image id.");
        }
    }

    /// <summary>A message cast for another task state (the instance was being deleted, or no snapshot was
    /// pending) stops quietly; the image of a snapshot cut short by a delete is removed.</summary>
    public override async Task<OperationStart> PrepareAsync(OperationRun<SnapshotInstance> run, CancellationToken cancellationToken)
    {
        var imageId = ImageId(run);
        var taskState = run.Spec.TaskState ?? "";
        if (taskState != TaskState.ImageSnapshotPending)
        {
            run.Logger.SnapshotSkipped(run.Instance.InstanceName, imageId, taskState.Length == 0 ? "without a task" : taskState);
            if (taskState == TaskState.Deleting)
            {
                await DeleteImageQuietlyAsync(run, cancellationToken).ConfigureAwait(false);
            }
            return OperationStart.Skip;
        }

        if (!run.Redelivered)
        {
            return OperationStart.Run;
        }
        if (await images.IsActiveAsync(imageId, cancellationToken).ConfigureAwait(false))
        {
            return OperationStart.AlreadyDone;
        }
        throw new DriverOperationException(
            "The snapshot was interrupted: an earlier attempt did not finish (the message was delivered again).", retryable: false);
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(OperationRun<SnapshotInstance> run, CancellationToken cancellationToken)
    {
        await run.ReportProgressAsync(TaskState.ImageSnapshot, cancellationToken).ConfigureAwait(false);
        await _snapshots.TakeAsync(run.Instance, ImageId(run), TaskState.ImagePendingUpload, TaskState.ImageUploading,
            run.ReportProgressAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task CleanUpAsync(OperationRun<SnapshotInstance> run, Exception error, CancellationToken cancellationToken) =>
        DeleteImageQuietlyAsync(run, cancellationToken);

    /// <inheritdoc />
    public override void AddNotificationFields(OperationRun<SnapshotInstance> run, JsonObject payload) =>
        payload["snapshot_image_id"] = ImageId(run).ToString("D");

    private static Guid ImageId(OperationRun<SnapshotInstance> run) => Guid.Parse(run.Message.ImageId);

    private Task DeleteImageQuietlyAsync(OperationRun<SnapshotInstance> run, CancellationToken cancellationToken) =>
        _snapshots.DeleteImageQuietlyAsync(ImageId(run), run.Logger, cancellationToken);
}
