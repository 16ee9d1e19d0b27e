using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Snapshot.UnitTests.Compute;

/// <summary>A driver without the snapshot capability (every member but Capabilities/InitHost is unused here).</summary>
internal sealed class PlainDriver : IVirtDriver
{
    public DriverCapabilities Capabilities { get; } = new("plain", ReadsImageBits: false, HasImageCache: false);

    public Task InitHostAsync(string host, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HostCapacity> GetHostCapacityAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("unused");

    public Task SpawnAsync(VirtInstance instance, IImageSource images, CancellationToken cancellationToken) => throw new InvalidOperationException("unused");

    public Task DestroyAsync(VirtInstance instance, CancellationToken cancellationToken) => throw new InvalidOperationException("unused");

    public Task PowerOffAsync(VirtInstance instance, TimeSpan timeout, CancellationToken cancellationToken) => throw new InvalidOperationException("unused");

    public Task PowerOnAsync(VirtInstance instance, CancellationToken cancellationToken) => throw new InvalidOperationException("unused");

    public Task RebootAsync(VirtInstance instance, bool hard, CancellationToken cancellationToken) => throw new InvalidOperationException("unused");

    public Task<DriverPowerState> GetPowerStateAsync(VirtInstance instance, CancellationToken cancellationToken) => throw new InvalidOperationException("unused");

    public Task<IReadOnlyCollection<Guid>> ListInstancesAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("unused");
}
