using ControlPlane.Compute.DriverConformance;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Resize;

/// <summary>The shared resize conformance suite against two <see cref="XenApiDriver"/>s on two in-process XapiSim hosts.</summary>
[Trait("Category", "Integration")]
public sealed class XenApiResizeConformanceTests : ResizeConformanceTests
{
    private static readonly Guid Image = Guid.NewGuid();
    private static readonly Lazy<byte[]> Archive = new(() => TestImages.Archive(seed: 52, gzip: true));
    private SimHost? sourceSim;
    private SimHost? destinationSim;

    protected override Guid ImageId => Image;

    public override async Task InitializeAsync()
    {
        sourceSim = await SimHost.StartAsync();
        destinationSim = await SimHost.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var sim in new[] { sourceSim, destinationSim })
        {
            if (sim is not null)
            {
                await sim.DisposeAsync();
            }
        }
    }

    protected override Task<(IVirtDriver Source, IVirtDriver Destination)> CreateDriversAsync() =>
        Task.FromResult<(IVirtDriver, IVirtDriver)>((DriverFactory.Create(sourceSim!), DriverFactory.Create(destinationSim!)));

    protected override IImageSource CreateImageSource() => new MemoryImageSource().Add(Image, Archive.Value);
}
