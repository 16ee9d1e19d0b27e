using ControlPlane.Compute.DriverConformance;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Driver;

/// <summary>The shared driver conformance suite against <see cref="XenApiDriver"/> on an in-process XapiSim (one per test).</summary>
[Trait("Category", "Integration")]
public sealed class XenApiDriverConformanceTests : DriverConformanceTests
{
    private static readonly Guid Image = Guid.NewGuid();
    private static readonly Guid RescueImage = Guid.NewGuid();
    private static readonly Lazy<byte[]> Archive = new(() => TestImages.Archive(seed: 42, gzip: true));
    private static readonly Lazy<byte[]> RescueArchive = new(() => TestImages.Archive(seed: 43, gzip: false));
    private SimHost? sim;

    protected override Guid ImageId => Image;

    protected override Guid RescueImageId => RescueImage;

    public override async Task InitializeAsync()
    {
        sim = await SimHost.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (sim is not null)
        {
            await sim.DisposeAsync();
        }
    }

    protected override Task<IVirtDriver> CreateDriverAsync() => Task.FromResult<IVirtDriver>(DriverFactory.Create(sim!));

    protected override IImageSource CreateImageSource() => new MemoryImageSource().Add(Image, Archive.Value).Add(RescueImage, RescueArchive.Value);
}
