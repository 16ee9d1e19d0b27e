using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>Wraps an image source and counts how often the driver opened an image.</summary>
public sealed class CountingImageSource(IImageSource inner) : IImageSource
{
    private int _opened;

    /// <summary>Number of <see cref="OpenReadAsync"/> calls.</summary>
    public int Opened => _opened;

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opened);
        return inner.OpenReadAsync(imageId, cancellationToken);
    }
}
