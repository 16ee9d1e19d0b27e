using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Shelve;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace ControlPlane.Snapshot.UnitTests.Infrastructure;

/// <summary>A compute host for shelve, shelve offload and unshelve: FakeDriver on a fake clock, a recording conductor,
/// an in-memory image service and notifier, the three operations' steps and the periodic offload task.</summary>
public sealed class ShelveFixture
{
    public const string Host = "host1";

    public ShelveFixture(int shelvedOffloadTime = 0, int failNextSpawns = 0)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero));
        Driver = new FakeDriver(MsOptions.Create(new FakeDriverOptions { FailNextSpawns = failNextSpawns }), Time);
        var computeOptions = MsOptions.Create(new ComputeOptions { Host = Host });
        Runner = new OperationRunner(Driver, new ConductorRpcClient(Rpc), Notifier, Locks, computeOptions, Time, NullLogger<OperationRunner>.Instance);
        ShelveOptions = new ShelveOptions { ShelvedOffloadTime = shelvedOffloadTime, PollInterval = TimeSpan.FromMinutes(1) };
        var offload = new ShelveSteps(Driver);
        Shelve = new ShelveInstanceOperation(Driver, Images, offload, MsOptions.Create(ShelveOptions),
            MsOptions.Create(new PowerOptions { ShutdownTimeout = TimeSpan.Zero }), Time);
        ShelveOffload = new ShelveOffloadInstanceOperation(offload);
        Unshelve = new UnshelveInstanceOperation(Driver, new NoImageBits(), Images, Time);
        OffloadService = new ShelvedOffloadService(new ConductorRpcClient(Rpc), Runner, ShelveOffload, Locks, new ComputeReadiness(),
            MsOptions.Create(ShelveOptions), computeOptions, Time, NullLogger<ShelvedOffloadService>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public FakeDriver Driver { get; }

    public RecordingRpcClient Rpc { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    public RecordingSnapshotImages Images { get; } = new();

    public InstanceLocks Locks { get; } = new();

    public OperationRunner Runner { get; }

    public ShelveOptions ShelveOptions { get; }

    public ShelveInstanceOperation Shelve { get; }

    public ShelveOffloadInstanceOperation ShelveOffload { get; }

    public UnshelveInstanceOperation Unshelve { get; }

    public ShelvedOffloadService OffloadService { get; }

    /// <summary>Initialises the driver; with <paramref name="onHost"/> spawns the instance. Returns its spec in
    /// <paramref name="vmState"/> / <paramref name="taskState"/>.</summary>
    public async Task<InstanceSpec> InstanceAsync(string vmState, string taskState, bool onHost = true)
    {
        await Driver.InitHostAsync(Host, CancellationToken.None);
        var id = Guid.NewGuid();
        var spec = new InstanceSpec
        {
            InstanceId = id.ToString("D"), ProjectId = "p1", UserId = "u1", DisplayName = "vm1",
            InstanceName = "instance-0000002a", ImageId = Guid.NewGuid().ToString("D"), VmState = vmState,
            TaskState = taskState, PowerState = onHost ? (int)PowerState.Running : (int)PowerState.NoState, Host = Host,
            Flavor = new FlavorSpec { Id = "1", Name = "m1.tiny", MemoryMb = 512, Vcpus = 1, RootGb = 1 },
        };
        if (onHost)
        {
            await Driver.SpawnAsync(Virt(spec), new NoImageBits(), CancellationToken.None);
        }
        return spec;
    }

    /// <summary>The driver's view of <paramref name="spec"/>.</summary>
    public static VirtInstance Virt(InstanceSpec spec) => InstanceMapper.ToVirt(spec, requireFlavor: true);

    /// <summary>True when the driver holds the instance.</summary>
    public async Task<bool> OnHostAsync(InstanceSpec spec) =>
        (await Driver.ListInstancesAsync(CancellationToken.None)).Contains(Guid.Parse(spec.InstanceId));

    /// <summary>The task states reported, in order ("" = none).</summary>
    public List<string> ReportedTaskStates() => Rpc.CastsOf<InstanceUpdate>().Select(u => u.TaskState).ToList();

    /// <summary>An image source the FakeDriver never reads.</summary>
    public sealed class NoImageBits : IImageSource
    {
        public Task<Stream> OpenReadAsync(Guid imageId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("FakeDriver reads no image bits.");
    }
}
