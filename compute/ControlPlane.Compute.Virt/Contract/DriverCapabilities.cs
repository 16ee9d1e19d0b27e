using ControlPlane.Domain.Operations;

namespace ControlPlane.Compute.Virt.Contract;

/// <summary>What a virt driver supports (Nova's <c>ComputeDriver.capabilities</c>).</summary>
/// <param name="HypervisorType">Reported as <c>hypervisor_type</c>, e.g. <c>fake</c>, <c>xen</c>.</param>
/// <param name="ReadsImageBits">True when <see cref="IVirtDriver.SpawnAsync"/> reads the image
/// through its <see cref="IImageSource"/>; false for drivers that only record the image id.</param>
/// <param name="HasImageCache">True when the driver keeps imported images on the host and reuses
/// them for later spawns of the same image id.</param>
public sealed record DriverCapabilities(string HypervisorType, bool ReadsImageBits, bool HasImageCache)
{
    /// <summary>The optional features the driver has (default: none). The compute host publishes them in
    /// its service report and its operation runner refuses an operation whose
    /// <see cref="InstanceOperation.RequiredFeature"/> is missing here. A feature's methods live on the
    /// driver interface of that feature (e.g. <see cref="ISnapshotDriver"/> for <see cref="DriverFeature.Snapshot"/>).</summary>
    public IReadOnlySet<DriverFeature> Features { get; init; } = new HashSet<DriverFeature>();

    /// <summary>True when the driver has <paramref name="feature"/>.</summary>
    public bool Supports(DriverFeature feature) => Features.Contains(feature);
}
