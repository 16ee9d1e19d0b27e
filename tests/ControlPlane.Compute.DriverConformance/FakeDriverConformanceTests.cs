using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>The conformance suite against the in-memory <see cref="FakeDriver"/> (unit level: no I/O).</summary>
public sealed class FakeDriverConformanceTests : DriverConformanceTests
{
    /// <inheritdoc />
    protected override Guid ImageId { get; } = Guid.Parse("11111111-1111-1111-1111-111111111111");

    /// <inheritdoc />
    protected override Task<IVirtDriver> CreateDriverAsync() =>
        Task.FromResult<IVirtDriver>(new FakeDriver(Microsoft.Extensions.Options.Options.Create(new FakeDriverOptions()), TimeProvider.System));

    /// <inheritdoc />
    protected override IImageSource CreateImageSource() => new UnavailableImageSource();
}
