using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Compute.UnitTests.Infrastructure;

/// <summary>A FakeDriver that declares none of the optional features (a hypervisor without them), for the runner's
/// missing-feature refusal.</summary>
public sealed class FeaturelessDriver(IVirtDriver inner) : IVirtDriver
{
    public DriverCapabilities Capabilities { get; } = inner.Capabilities with { Features = new HashSet<DriverFeature>() };

    public Task InitHostAsync(string host, CancellationToken cancellationToken) => inner.InitHostAsync(host, cancellationToken);

    public Task<HostCapacity> GetHostCapacityAsync(CancellationToken cancellationToken) => inner.GetHostCapacityAsync(cancellationToken);

    public Task SpawnAsync(VirtInstance instance, IImageSource images, CancellationToken cancellationToken) => inner.SpawnAsync(instance, images, cancellationToken);

    public Task DestroyAsync(VirtInstance instance, CancellationToken cancellationToken) => inner.DestroyAsync(instance, cancellationToken);

    public Task PowerOffAsync(VirtInstance instance, TimeSpan timeout, CancellationToken cancellationToken) => inner.PowerOffAsync(instance, timeout, cancellationToken);

    public Task PowerOnAsync(VirtInstance instance, CancellationToken cancellationToken) => inner.PowerOnAsync(instance, cancellationToken);

    public Task RebootAsync(VirtInstance instance, bool hard, CancellationToken cancellationToken) => inner.RebootAsync(instance, hard, cancellationToken);

    public Task<DriverPowerState> GetPowerStateAsync(VirtInstance instance, CancellationToken cancellationToken) => inner.GetPowerStateAsync(instance, cancellationToken);

    public Task<IReadOnlyCollection<Guid>> ListInstancesAsync(CancellationToken cancellationToken) => inner.ListInstancesAsync(cancellationToken);
}
