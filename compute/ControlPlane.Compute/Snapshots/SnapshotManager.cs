using System.Diagnostics;
using System.Text.Json.Nodes;
using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Clients;
using ControlPlane.Messaging.Notifications;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Snapshots;

/// <summary>
/// The compute side of <c>createImage</c> (Nova's <c>snapshot_instance</c>): checks that the driver can
/// snapshot and that the instance still waits for it, reports image_snapshot → image_pending_upload →
/// image_uploading → none through the conductor (compare-and-set reports), streams the driver's image
/// into the queued image, and emits <c>instance.snapshot.start/end</c>. Any failure deletes the image
/// (it never becomes active with partial data: the upload either completes and is verified by the
/// image service, or the image is gone), clears the task state and records a fault and an Error event.
/// Runs under the instance's lock, as every driver call does.
/// </summary>
public sealed class SnapshotManager(
    IVirtDriver driver,
    ISnapshotImages images,
    ConductorRpcClient conductor,
    INotifier notifier,
    InstanceLocks locks,
    IOptions<ComputeOptions> options,
    TimeProvider timeProvider,
    ILogger<SnapshotManager> logger)
{
    private readonly string _host = options.Value.Host;

    /// <summary>Handles one <see cref="SnapshotInstance"/>. Idempotent: a redelivered message whose snapshot
    /// already ended (task state none) is dropped; one whose earlier attempt was interrupted mid-way (a later
    /// snapshot task state) deletes the image and clears the task with a fault.</summary>
    public async Task SnapshotInstanceAsync(SnapshotInstance message, CancellationToken cancellationToken)
    {
        var id = InstanceMapper.ParseId(message.Instance);
        if (!Guid.TryParse(message.ImageId, out var imageId))
        {
            throw new Domain.Errors.InvalidException($"SnapshotInstance for {id} carries no valid image id.");
        }
        using var scope = logger.InstanceScope(id);
        using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
        var instance = InstanceMapper.ToVirt(message.Instance, requireFlavor: false);

        if (driver is not ISnapshotDriver snapshotter)
        {
            logger.SnapshotUnsupported(instance.InstanceName, driver.Capabilities.HypervisorType);
            var unsupported = new Domain.Errors.ConflictException($"Snapshot is not supported by driver {driver.Capabilities.HypervisorType}.");
            await FailAsync(instance, imageId, unsupported, 409, cancellationToken).ConfigureAwait(false);
            return;
        }

        var state = await CurrentTaskStateAsync(id, cancellationToken).ConfigureAwait(false);
        if (state is not null && state != TaskState.ImageSnapshotPending && SnapshotReports.Sequence.Contains(state))
        {
            // Only this handler moves the task past image_snapshot_pending, and it does so under the
            // instance lock: finding a later snapshot state here means an earlier attempt was interrupted
            // (compute killed mid-snapshot, message redelivered). Its upload never completed: clean up.
            var interrupted = new Virt.Errors.DriverOperationException($"The snapshot was interrupted in task state {state}.", retryable: false);
            logger.SnapshotFailed(interrupted, instance.InstanceName, imageId);
            await FailAsync(instance, imageId, interrupted, 500, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (state != TaskState.ImageSnapshotPending)
        {
            // Deleted, being deleted, or a redelivery of a snapshot that already ended: stop quietly;
            // the image of a snapshot that never ran is removed (an active one is left alone by the image service).
            logger.SnapshotSkipped(instance.InstanceName, imageId, state ?? "gone");
            if (state is null or TaskState.Deleting)
            {
                await DeleteImageQuietlyAsync(imageId, cancellationToken).ConfigureAwait(false);
            }
            return;
        }

        logger.SnapshotStarted(instance.InstanceName, imageId);
        var started = Stopwatch.StartNew();
        try
        {
            await conductor.InstanceUpdateAsync(SnapshotReports.Progress(id, _host, TaskState.ImageSnapshot), cancellationToken).ConfigureAwait(false);
            await NotifyAsync("instance.snapshot.start", instance, imageId, NotificationPriority.Info, cancellationToken).ConfigureAwait(false);
            await snapshotter.SnapshotAsync(instance, images.CreateUpload(imageId), (phase, ct) => conductor.InstanceUpdateAsync(
                SnapshotReports.Progress(id, _host, phase == SnapshotPhase.PendingUpload ? TaskState.ImagePendingUpload : TaskState.ImageUploading), ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.SnapshotFailed(e, instance.InstanceName, imageId);
            await FailAsync(instance, imageId, e, 500, cancellationToken).ConfigureAwait(false);
            return;
        }

        await conductor.InstanceUpdateAsync(SnapshotReports.Finished(id, _host), cancellationToken).ConfigureAwait(false);
        await NotifyAsync("instance.snapshot.end", instance, imageId, NotificationPriority.Info, cancellationToken).ConfigureAwait(false);
        logger.SnapshotSucceeded(instance.InstanceName, imageId, started.ElapsedMilliseconds);
    }

    private async Task FailAsync(VirtInstance instance, Guid imageId, Exception error, int code, CancellationToken cancellationToken)
    {
        await DeleteImageQuietlyAsync(imageId, cancellationToken).ConfigureAwait(false);
        var fault = InstanceReports.Fault(error, _host, code);
        await conductor.InstanceUpdateAsync(SnapshotReports.Failed(instance.InstanceId, _host, fault), cancellationToken).ConfigureAwait(false);
        await NotifyAsync("instance.snapshot.error", instance, imageId, NotificationPriority.Error, cancellationToken, fault.Message).ConfigureAwait(false);
    }

    private async Task DeleteImageQuietlyAsync(Guid imageId, CancellationToken cancellationToken)
    {
        try
        {
            await images.DeleteAsync(imageId, cancellationToken).ConfigureAwait(false);
        }
        catch (Virt.Errors.VirtDriverException e)
        {
            // NOTE(snapshot): the image stays queued or killed, never active; reported in the log.
            logger.ImageDeleteFailed(e, imageId);
        }
    }

    /// <summary>The instance's task state as the control plane holds it ("" = none), or null when it is not on this host any more.</summary>
    private async Task<string?> CurrentTaskStateAsync(Guid id, CancellationToken cancellationToken)
    {
        var assigned = await conductor.GetHostInstancesAsync(_host, cancellationToken).ConfigureAwait(false);
        var text = id.ToString("D");
        return assigned.Instances.FirstOrDefault(i => string.Equals(i.InstanceId, text, StringComparison.OrdinalIgnoreCase))?.TaskState;
    }

    private Task NotifyAsync(string eventType, VirtInstance instance, Guid imageId, NotificationPriority priority, CancellationToken cancellationToken, string? fault = null)
    {
        var payload = new JsonObject
        {
            ["instance_uuid"] = instance.InstanceId.ToString("D"),
            ["instance_name"] = instance.InstanceName,
            ["snapshot_image_id"] = imageId.ToString("D"),
            ["host"] = _host,
            ["at"] = timeProvider.GetUtcNow().ToString("O"),
        };
        if (fault is not null)
        {
            payload["fault"] = fault;
        }
        return notifier.NotifyAsync(eventType, payload, priority, cancellationToken);
    }
}
