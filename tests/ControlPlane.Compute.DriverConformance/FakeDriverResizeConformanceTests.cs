using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>The resize conformance suite against two in-memory <see cref="FakeDriver"/>s (source and destination).</summary>
public sealed class FakeDriverResizeConformanceTests : ResizeConformanceTests
{
    /// <inheritdoc />
    protected override Guid ImageId { get; } = Guid.Parse("22222222-2222-2222-2222-222222222222");

    /// <inheritdoc />
    protected override Task<(IVirtDriver Source, IVirtDriver Destination)> CreateDriversAsync() =>
        Task.FromResult<(IVirtDriver, IVirtDriver)>((Create(), Create()));

    /// <inheritdoc />
    protected override IImageSource CreateImageSource() => new UnavailableImageSource();

    private static FakeDriver Create() =>
        new(Microsoft.Extensions.Options.Options.Create(new FakeDriverOptions()), TimeProvider.System);
}
