using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Rescue;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Testing;

namespace ControlPlane.Compute.UnitTests.Infrastructure;

/// <summary>A compute host with no I/O: FakeDriver on a fake clock, a recording RPC client.
/// Tests wait on the fakes' change signals and advance the clock to the timers the code under
/// test created, never on real-time polling.</summary>
public sealed class ComputeFixture
{
    public const string Host = "host1";

    public ComputeFixture(FakeDriverOptions? driverOptions = null, IVirtDriver? driver = null)
    {
        Time = new FakeClock(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        FakeDriver = new FakeDriver(Microsoft.Extensions.Options.Options.Create(driverOptions ?? new FakeDriverOptions()), Time);
        Driver = driver ?? FakeDriver;
        Options = Microsoft.Extensions.Options.Options.Create(new ComputeOptions { Host = Host });
        Conductor = new ConductorRpcClient(Rpc);
        Rpc.OnCall = (_, request) =>
        {
            var ask = Assert.IsType<GetHostInstances>(request);
            Assert.Equal(Host, ask.Host);
            var answer = new HostInstances();
            lock (Assigned)
            {
                answer.Instances.AddRange(Assigned.Select(s => s.Clone()));
            }

            return answer;
        };
        Runner = new OperationRunner(Driver, Conductor, Notifier, Locks, Options, Time, RunnerLog);
        BuildSteps = new BuildInstanceOperation(Driver, Images, Conductor, InterruptedBuilds, Options, Time);
        TerminateSteps = new TerminateInstanceOperation(Driver);
        RescueSteps = new RescueSteps(Driver, Images, Microsoft.Extensions.Options.Options.Create(RescueOptions));
        RescueRecovery = new RescueRecovery(Driver, RescueSteps, Conductor, Options, Time, new RecordingLogger<RescueRecovery>());
        Reconciler = new InstanceReconciler(Driver, Runner, BuildSteps, TerminateSteps, Conductor, Locks, InterruptedBuilds, RescueRecovery, Options, ReconcilerLog);
    }

    /// <summary>What the conductor double answers to GetHostInstances for this host.</summary>
    public List<InstanceSpec> Assigned { get; } = [];

    /// <summary>The fake clock; it knows which timers the code under test waits on.</summary>
    public FakeClock Time { get; }

    public FakeDriver FakeDriver { get; }

    public IVirtDriver Driver { get; }

    public Microsoft.Extensions.Options.IOptions<ComputeOptions> Options { get; }

    public RecordingRpcClient Rpc { get; } = new();

    public ConductorRpcClient Conductor { get; }

    public NoImages Images { get; } = new();

    public InstanceLocks Locks { get; } = new();

    public InterruptedBuilds InterruptedBuilds { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    /// <summary>The runner's log: every line of an operation, its steps' included.</summary>
    public RecordingLogger<OperationRunner> RunnerLog { get; } = new();

    public RecordingLogger<InstanceReconciler> ReconcilerLog { get; } = new();

    public OperationRunner Runner { get; }

    public BuildInstanceOperation BuildSteps { get; }

    public TerminateInstanceOperation TerminateSteps { get; }

    /// <summary>Rescue options (shutdown timeout, rescue timeout) the rescue steps and timeout task read.</summary>
    public RescueOptions RescueOptions { get; } = new() { ShutdownTimeout = TimeSpan.Zero };

    public RescueSteps RescueSteps { get; }

    public RescueRecovery RescueRecovery { get; }

    public InstanceReconciler Reconciler { get; }

    /// <summary>Runs a build as the handler would.</summary>
    public Task BuildAsync(BuildAndRunInstance message, bool redelivered) =>
        Runner.RunAsync(BuildSteps, message, redelivered, CancellationToken.None);

    /// <summary>Runs a terminate as the handler would.</summary>
    public Task TerminateAsync(TerminateInstance message) =>
        Runner.RunAsync(TerminateSteps, message, redelivered: false, CancellationToken.None);

    public Task InitAsync() => Driver.InitHostAsync(Host, CancellationToken.None);

    public static InstanceSpec Spec(
        string? vmState = VmState.Building,
        string taskState = TaskState.Scheduling,
        int memoryMb = 512,
        int vcpus = 1,
        int rootGb = 1,
        string? name = null,
        Guid? id = null,
        PowerState power = PowerState.NoState)
    {
        var instanceId = id ?? Guid.NewGuid();
        return new InstanceSpec
        {
            InstanceId = instanceId.ToString("D"),
            ProjectId = "demo",
            UserId = "demo",
            DisplayName = "vm",
            InstanceName = name ?? "instance-" + instanceId.ToString("N")[..8],
            Flavor = new FlavorSpec { Id = "1", Name = "m1.tiny", MemoryMb = memoryMb, Vcpus = vcpus, RootGb = rootGb },
            ImageId = "11111111-1111-1111-1111-111111111111",
            VmState = vmState ?? "",
            TaskState = taskState,
            PowerState = (int)power,
            Host = Host,
        };
    }

    public static BuildAndRunInstance Build(InstanceSpec spec, int attempt = 1) => new() { Instance = spec, Attempt = attempt };

    public static TerminateInstance Terminate(InstanceSpec spec) => new() { Instance = spec.Clone() };

    public static VirtInstance Virt(InstanceSpec spec) => InstanceMapper.ToVirt(spec, requireFlavor: true);

    public async Task<bool> OnHypervisorAsync(InstanceSpec spec) =>
        (await Driver.ListInstancesAsync(CancellationToken.None)).Contains(Guid.Parse(spec.InstanceId));
}
