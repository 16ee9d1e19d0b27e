using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>An image source with no images (for drivers that never read image bits).</summary>
public sealed class UnavailableImageSource : IImageSource
{
    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken) =>
        throw new ImageUnavailableException(imageId, "no image service in this test.", retryable: false);
}
