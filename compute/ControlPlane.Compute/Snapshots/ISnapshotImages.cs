using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.Snapshots;

/// <summary>The image service as the snapshot flow needs it: an upload into a queued image, and deleting
/// the image of a snapshot that did not finish.</summary>
public interface ISnapshotImages
{
    /// <summary>An upload of the bytes of <paramref name="imageId"/>.</summary>
    ISnapshotUpload CreateUpload(Guid imageId);

    /// <summary>Deletes the image; an image already gone counts as deleted.</summary>
    Task DeleteAsync(Guid imageId, CancellationToken cancellationToken);
}
