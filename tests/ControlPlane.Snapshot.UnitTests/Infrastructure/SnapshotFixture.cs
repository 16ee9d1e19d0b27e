using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Snapshots;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ControlPlane.Snapshot.UnitTests.Infrastructure;

/// <summary>A compute host for the snapshot flow: FakeDriver on a fake clock, a recording conductor,
/// an in-memory image service and notifier.</summary>
public sealed class SnapshotFixture
{
    public const string Host = "host1";

    public SnapshotFixture(IVirtDriver? driver = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        FakeDriver = new FakeDriver(Microsoft.Extensions.Options.Options.Create(new FakeDriverOptions()), Time);
        Driver = driver ?? FakeDriver;
        Runner = new OperationRunner(Driver, new ConductorRpcClient(Rpc), Notifier, Locks,
            Microsoft.Extensions.Options.Options.Create(new ComputeOptions { Host = Host }), Time, NullLogger<OperationRunner>.Instance);
        Steps = new SnapshotInstanceOperation(Driver, Images);
    }

    public FakeTimeProvider Time { get; }

    public FakeDriver FakeDriver { get; }

    public IVirtDriver Driver { get; }

    public RecordingRpcClient Rpc { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    public RecordingSnapshotImages Images { get; } = new();

    public InstanceLocks Locks { get; } = new();

    public OperationRunner Runner { get; }

    public SnapshotInstanceOperation Steps { get; }

    /// <summary>Runs the snapshot as the compute's handler would.</summary>
    public Task SnapshotAsync(SnapshotInstance message, bool redelivered = false) =>
        Runner.RunAsync(Steps, message, redelivered, CancellationToken.None);

    /// <summary>Initialises the driver and spawns an instance (root disk <paramref name="rootGb"/>) whose
    /// control-plane state is active / image_snapshot_pending; returns the message the api would cast.</summary>
    public async Task<SnapshotInstance> RunningInstanceAsync(int rootGb = 1, string taskState = TaskState.ImageSnapshotPending)
    {
        await Driver.InitHostAsync(Host, CancellationToken.None);
        var id = Guid.NewGuid();
        var spec = new InstanceSpec
        {
            InstanceId = id.ToString("D"), ProjectId = "p1", UserId = "u1", DisplayName = "vm1",
            InstanceName = "instance-0000002a", ImageId = Guid.NewGuid().ToString("D"), VmState = VmState.Active,
            TaskState = taskState, PowerState = 1, Host = Host,
            Flavor = new FlavorSpec { Id = "1", Name = "m1.tiny", MemoryMb = 512, Vcpus = 1, RootGb = rootGb },
        };
        if (Driver.Capabilities.Supports(DriverFeature.Snapshot))
        {
            await FakeDriver.SpawnAsync(new VirtInstance(id, spec.InstanceName, 512, 1, rootGb, Guid.Parse(spec.ImageId)), new NoImages(), CancellationToken.None);
        }
        return new SnapshotInstance { Instance = spec, ImageId = Guid.NewGuid().ToString("D") };
    }

    /// <summary>The task states reported, in order ("" = none).</summary>
    public List<string> ReportedTaskStates() => Rpc.CastsOf<InstanceUpdate>().Select(u => u.TaskState).ToList();

    private sealed class NoImages : IImageSource
    {
        public Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("FakeDriver reads no image bits.");
    }
}
