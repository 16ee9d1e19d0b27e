namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Optional capability of an <see cref="IVirtDriver"/>: snapshot an instance's root disk into an
/// image (Nova's <c>ComputeDriver.snapshot</c>). A driver that implements it lists
/// <see cref="Domain.Operations.DriverFeature.Snapshot"/> in its <see cref="DriverCapabilities.Features"/>;
/// the compute's operation runner refuses a snapshot on a driver without that feature. Same calling rules as <see cref="IVirtDriver"/> (initialised first, one call per
/// instance at a time, expected failures are <see cref="Errors.VirtDriverException"/>s).
/// </summary>
public interface ISnapshotDriver
{
    /// <summary>
    /// Snapshots <paramref name="instance"/> (running or stopped) into <paramref name="upload"/>.
    /// <para>Pre: the instance is known (else <see cref="Errors.InstanceNotFoundException"/>); the
    /// upload's image is queued and empty.</para>
    /// <para>Sequence: take a point-in-time copy of the root disk; call
    /// <c>onPhase(<see cref="SnapshotPhase.PendingUpload"/>)</c>; prepare the chain (XenAPI: wait for
    /// the coalesce); call <c>onPhase(<see cref="SnapshotPhase.Uploading"/>)</c> just before streaming;
    /// then call <see cref="ISnapshotUpload.UploadAsync"/> once and write the image: an uncompressed
    /// tar of the disk's VHD chain, leaf first, named <c>0.vhd</c>, <c>1.vhd</c>, ... (each entry a
    /// valid VHD whose parent is the next one), streamed without a staging copy of the image.</para>
    /// <para>Post, whatever the outcome: the instance's power state and disks are as before, and no
    /// snapshot artefact (snapshot VDI, temporary file) is left behind. On success the image holds
    /// exactly the bytes written. On failure a <see cref="Errors.VirtDriverException"/> (or the upload's
    /// or the callback's exception) propagates; the caller deals with the image record.</para>
    /// <para>Cancellation: throws <see cref="OperationCanceledException"/>; artefacts are still removed.</para>
    /// </summary>
    /// <param name="instance">The instance to snapshot.</param>
    /// <param name="upload">Where the image bytes go.</param>
    /// <param name="onPhase">Announces the phases; an exception from it aborts the snapshot (the caller
    /// decided to stop, e.g. the instance is being deleted).</param>
    /// <param name="cancellationToken">Cancels the snapshot.</param>
    Task SnapshotAsync(VirtInstance instance, ISnapshotUpload upload, Func<SnapshotPhase, CancellationToken, Task> onPhase, CancellationToken cancellationToken);
}
