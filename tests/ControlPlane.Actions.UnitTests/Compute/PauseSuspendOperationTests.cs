using ControlPlane.Actions.UnitTests.Infrastructure;
using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.PauseSuspend;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace ControlPlane.Actions.UnitTests.Compute;

/// <summary>pause_instance, unpause_instance, suspend_instance and resume_instance on the operation runner with the FakeDriver.</summary>
public sealed class PauseSuspendOperationTests
{
    private const string Host = "host1";
    private readonly CastRecorder _rpc = new();
    private readonly FakeDriver _driver = new(MsOptions.Create(new FakeDriverOptions()), TimeProvider.System);
    private readonly RecordingNotifier _notifier = new();
    private readonly OperationRunner _runner;

    public PauseSuspendOperationTests() =>
        _runner = new OperationRunner(_driver, new ConductorRpcClient(_rpc), _notifier, new InstanceLocks(),
            MsOptions.Create(new ComputeOptions { Host = Host }), TimeProvider.System, NullLogger<OperationRunner>.Instance);

    [Fact]
    public async Task Pause_then_unpause_report_paused_then_active_with_the_power_states_events_and_notifications()
    {
        var spec = await RunningAsync();

        spec.TaskState = TaskState.Pausing;
        await _runner.RunAsync(new DriverCallOperation<PauseInstance, IPauseDriver>(_driver, PauseSuspendCalls.Pause), new PauseInstance { Instance = spec }, false, CancellationToken.None);
        AssertReport(_rpc.CastsOf<InstanceUpdate>().Last(), TaskState.Pausing, VmState.Paused, PowerState.Paused, InstanceOperations.Pause);
        Assert.Equal(DriverPowerState.Paused, await PowerAsync(spec));

        spec.VmState = VmState.Paused;
        spec.TaskState = TaskState.Unpausing;
        await _runner.RunAsync(new DriverCallOperation<UnpauseInstance, IPauseDriver>(_driver, PauseSuspendCalls.Unpause), new UnpauseInstance { Instance = spec }, false, CancellationToken.None);
        AssertReport(_rpc.CastsOf<InstanceUpdate>().Last(), TaskState.Unpausing, VmState.Active, PowerState.Running, InstanceOperations.Unpause);

        Assert.Equal(["instance.pause.start", "instance.pause.end", "instance.unpause.start", "instance.unpause.end"], _notifier.Sent.Select(n => n.EventType));
    }

    [Fact]
    public async Task Suspend_then_resume_report_suspended_then_active_and_a_redelivered_suspend_succeeds_again()
    {
        var spec = await RunningAsync();

        spec.TaskState = TaskState.Suspending;
        await _runner.RunAsync(new DriverCallOperation<SuspendInstance, ISuspendDriver>(_driver, PauseSuspendCalls.Suspend), new SuspendInstance { Instance = spec }, false, CancellationToken.None);
        await _runner.RunAsync(new DriverCallOperation<SuspendInstance, ISuspendDriver>(_driver, PauseSuspendCalls.Suspend), new SuspendInstance { Instance = spec }, true, CancellationToken.None);
        Assert.All(_rpc.CastsOf<InstanceUpdate>(), r => AssertReport(r, TaskState.Suspending, VmState.Suspended, PowerState.Suspended, InstanceOperations.Suspend));
        Assert.Equal(DriverPowerState.Suspended, await PowerAsync(spec));

        spec.VmState = VmState.Suspended;
        spec.TaskState = TaskState.Resuming;
        await _runner.RunAsync(new DriverCallOperation<ResumeInstance, ISuspendDriver>(_driver, PauseSuspendCalls.Resume), new ResumeInstance { Instance = spec }, false, CancellationToken.None);
        AssertReport(_rpc.CastsOf<InstanceUpdate>().Last(), TaskState.Resuming, VmState.Active, PowerState.Running, InstanceOperations.Resume);
    }

    [Fact]
    public async Task A_suspend_the_driver_refuses_reverts_the_task_keeps_the_vm_state_and_reports_the_power_state_and_a_fault()
    {
        var spec = await RunningAsync();
        await _driver.PauseAsync(InstanceMapper.ToVirt(spec, requireFlavor: false), CancellationToken.None);

        spec.TaskState = TaskState.Suspending;
        await _runner.RunAsync(new DriverCallOperation<SuspendInstance, ISuspendDriver>(_driver, PauseSuspendCalls.Suspend), new SuspendInstance { Instance = spec }, false, CancellationToken.None);

        var report = Assert.Single(_rpc.CastsOf<InstanceUpdate>());
        Assert.Equal([TaskState.Suspending], report.ExpectedTaskStates);
        Assert.Equal(("", false, (int)PowerState.Paused), (report.TaskState, report.HasVmState, report.PowerState));
        Assert.Equal("Error", report.EventResult);
        Assert.Contains("suspend", report.Fault.Message, StringComparison.Ordinal);
        Assert.Contains(_notifier.Sent, n => n.EventType == "instance.suspend.error");
    }

    [Fact]
    public void The_fake_driver_declares_pause_and_suspend() =>
        Assert.True(_driver.Capabilities.Supports(DriverFeature.Pause) && _driver.Capabilities.Supports(DriverFeature.Suspend));

    private static void AssertReport(InstanceUpdate report, string expected, string vmState, PowerState power, InstanceOperation definition)
    {
        Assert.Equal([expected], report.ExpectedTaskStates);
        Assert.Equal((vmState, "", (int)power), (report.VmState, report.TaskState, report.PowerState));
        Assert.Equal((definition.EventName, "Success", Host), (report.Event, report.EventResult, report.Host));
    }

    private async Task<InstanceSpec> RunningAsync()
    {
        await _driver.InitHostAsync(Host, CancellationToken.None);
        var id = Guid.NewGuid();
        var spec = new InstanceSpec
        {
            InstanceId = id.ToString("D"), ProjectId = "p", UserId = "u", DisplayName = "vm", InstanceName = "instance-" + id.ToString("N")[..8],
            Flavor = new FlavorSpec { Id = "1", Name = "m1.tiny", MemoryMb = 512, Vcpus = 1, RootGb = 1 },
            ImageId = Guid.NewGuid().ToString("D"), VmState = VmState.Active, Host = Host,
        };
        await _driver.SpawnAsync(InstanceMapper.ToVirt(spec, requireFlavor: true), new NoImageSource(), CancellationToken.None);
        return spec;
    }

    private Task<DriverPowerState> PowerAsync(InstanceSpec spec) =>
        _driver.GetPowerStateAsync(InstanceMapper.ToVirt(spec, requireFlavor: false), CancellationToken.None);
}
