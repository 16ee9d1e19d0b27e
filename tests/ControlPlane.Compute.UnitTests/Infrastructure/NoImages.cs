using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.UnitTests.Infrastructure;

/// <summary>An image source that must not be read (FakeDriver never reads bits).</summary>
public sealed class NoImages : IImageSource
{
    public int Opened { get; private set; }

    public Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken)
    {
        Opened++;
        throw new InvalidOperationException("FakeDriver must not read image bits.");
    }
}
