namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Where a snapshot's image bytes go: one upload into one queued image record. Implemented by the
/// compute service (a chunked PUT to imagestore); a driver only writes into the stream it is given.
/// </summary>
public interface ISnapshotUpload
{
    /// <summary>The image the bytes become.</summary>
    Guid ImageId { get; }

    /// <summary>
    /// Streams the image: <paramref name="writeImage"/> is called once with a write-only stream and
    /// writes the whole image into it (the implementation sends it as it is written, so memory stays
    /// flat; the stream must not be disposed by the writer). Returns when the image service has
    /// accepted and verified all the bytes. Throws <see cref="Errors.DriverOperationException"/> when
    /// the image service refuses them or cannot be reached; any exception of
    /// <paramref name="writeImage"/> aborts the upload (the image never becomes active) and is rethrown.
    /// Called at most once per upload.
    /// </summary>
    Task UploadAsync(Func<Stream, CancellationToken, Task> writeImage, CancellationToken cancellationToken);
}
