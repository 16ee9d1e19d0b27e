using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.Snapshots;

/// <summary>The image service as the snapshot flow needs it: an upload into a queued image, and deleting
/// the image of a snapshot that did not finish.</summary>
public interface ISnapshotImages
{
    /// <summary>An upload of the bytes of <paramref name="imageId"/>.</summary>
    ISnapshotUpload CreateUpload(Guid imageId);

    /// <summary>True when the image is active: an earlier upload into it completed and was verified by the
    /// image service (how a redelivered snapshot tells a finished attempt from an interrupted one).</summary>
    Task<bool> IsActiveAsync(Guid imageId, CancellationToken cancellationToken);

    /// <summary>Deletes the image; an image already gone counts as deleted.</summary>
    Task DeleteAsync(Guid imageId, CancellationToken cancellationToken);
}
