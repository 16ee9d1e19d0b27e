using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Domain.Operations;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Snapshots;

/// <summary>
/// The snapshot path shared by <c>createImage</c> and <c>shelve</c>: the driver snapshots the root disk (XenAPI: VDI
/// snapshot, coalesce wait) and streams it into the queued image, each phase reported as the caller's task state; and
/// the quiet delete of an image whose snapshot did not finish.
/// </summary>
/// <param name="driver">The host's virt driver (must have <see cref="DriverFeature.Snapshot"/>).</param>
/// <param name="images">The image service.</param>
public sealed class SnapshotTaker(IVirtDriver driver, ISnapshotImages images)
{
    /// <summary>The image service.</summary>
    public ISnapshotImages Images => images;

    /// <summary>Snapshots <paramref name="instance"/> into image <paramref name="imageId"/>; <paramref name="report"/> is told
    /// <paramref name="pendingUploadTaskState"/> once the copy is taken and <paramref name="uploadingTaskState"/> just before streaming.</summary>
    public Task TakeAsync(
        VirtInstance instance, Guid imageId, string pendingUploadTaskState, string uploadingTaskState,
        Func<string, CancellationToken, Task> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var snapshotter = driver as ISnapshotDriver
            ?? throw new DriverFeatureMissingException(DriverFeature.Snapshot, driver.Capabilities.HypervisorType);
        return snapshotter.SnapshotAsync(instance, images.CreateUpload(imageId),
            (phase, ct) => report(phase == SnapshotPhase.PendingUpload ? pendingUploadTaskState : uploadingTaskState, ct), cancellationToken);
    }

    /// <summary>Deletes image <paramref name="imageId"/>; a failure is logged, never thrown (the image stays queued or
    /// killed, never active).</summary>
    public async Task DeleteImageQuietlyAsync(Guid imageId, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await images.DeleteAsync(imageId, cancellationToken).ConfigureAwait(false);
        }
        catch (VirtDriverException e)
        {
            logger.ImageDeleteFailed(e, imageId);
        }
    }
}
