using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Actions.UnitTests.Infrastructure;

/// <summary>An image source the fake driver never reads (it does not read image bits).</summary>
public sealed class NoImageSource : IImageSource
{
    public Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The fake driver does not read images.");
}
