namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// The points of a snapshot a driver announces through its <c>onPhase</c> callback, in this order
/// (Nova's task states <c>image_pending_upload</c> and <c>image_uploading</c>).
/// </summary>
public enum SnapshotPhase
{
    /// <summary>The disk snapshot exists; the driver may still wait (e.g. for a coalesce) before streaming.</summary>
    PendingUpload,

    /// <summary>The driver is about to stream the image bytes to the upload.</summary>
    Uploading,
}
