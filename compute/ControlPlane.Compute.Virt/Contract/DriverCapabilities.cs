namespace ControlPlane.Compute.Virt.Contract;

/// <summary>What a virt driver supports (Nova's <c>ComputeDriver.capabilities</c>).</summary>
/// <param name="HypervisorType">Reported as <c>hypervisor_type</c>, e.g. <c>fake</c>, <c>xen</c>.</param>
/// <param name="ReadsImageBits">True when <see cref="IVirtDriver.SpawnAsync"/> reads the image
/// through its <see cref="IImageSource"/>; false for drivers that only record the image id.</param>
/// <param name="HasImageCache">True when the driver keeps imported images on the host and reuses
/// them for later spawns of the same image id.</param>
public sealed record DriverCapabilities(string HypervisorType, bool ReadsImageBits, bool HasImageCache);
