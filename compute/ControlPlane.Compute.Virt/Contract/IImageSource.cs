namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Opens an image's bits for a driver during spawn. The compute service implements it over the
/// image API (imagestore) with an internal service credential; tests may implement it in memory.
/// </summary>
public interface IImageSource
{
    /// <summary>
    /// Opens the image data (as stored: for XenAPI images, a tarball of a VHD chain) as a
    /// forward-only stream; the caller disposes it. The stream is hostile input: the driver
    /// bounds-checks what it reads. Throws <see cref="Errors.ImageUnavailableException"/> when the
    /// image does not exist, is not active, or the image service cannot be reached.
    /// </summary>
    Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken);
}
