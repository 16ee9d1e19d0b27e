using ControlPlane.Actions.UnitTests.Infrastructure;
using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace ControlPlane.Actions.UnitTests.Compute;

public sealed class PowerOperationTests
{
    private const string Host = "host1";
    private readonly CastRecorder _rpc = new();
    private readonly FakeDriver _driver = new(MsOptions.Create(new FakeDriverOptions()), TimeProvider.System);
    private readonly InstanceLocks _locks = new();
    private readonly RecordingNotifier _notifier = new();
    private readonly OperationRunner _runner;
    private readonly StopInstanceOperation _stop;
    private readonly StartInstanceOperation _start;
    private readonly RebootInstanceOperation _reboot;

    public PowerOperationTests()
    {
        _runner = new OperationRunner(_driver, new ConductorRpcClient(_rpc), _notifier, _locks,
            MsOptions.Create(new ComputeOptions { Host = Host }), TimeProvider.System, NullLogger<OperationRunner>.Instance);
        _stop = new StopInstanceOperation(_driver, MsOptions.Create(new PowerOptions { ShutdownTimeout = TimeSpan.FromSeconds(5) }));
        _start = new StartInstanceOperation(_driver);
        _reboot = new RebootInstanceOperation(_driver);
    }

    private Task StopAsync(InstanceSpec spec) => _runner.RunAsync(_stop, new StopInstance { Instance = spec }, redelivered: false, CancellationToken.None);

    private Task StartAsync(InstanceSpec spec) => _runner.RunAsync(_start, new StartInstance { Instance = spec }, redelivered: false, CancellationToken.None);

    private Task RebootAsync(InstanceSpec spec, bool hard) =>
        _runner.RunAsync(_reboot, new RebootInstance { Instance = spec, Hard = hard }, redelivered: false, CancellationToken.None);

    private static InstanceSpec Spec(string vmState, string taskState)
    {
        var id = Guid.NewGuid();
        return new InstanceSpec
        {
            InstanceId = id.ToString("D"), ProjectId = "p", UserId = "u", DisplayName = "vm", InstanceName = "instance-" + id.ToString("N")[..8],
            Flavor = new FlavorSpec { Id = "1", Name = "m1.tiny", MemoryMb = 512, Vcpus = 1, RootGb = 1 },
            ImageId = Guid.NewGuid().ToString("D"), VmState = vmState, TaskState = taskState, Host = Host,
        };
    }

    private async Task<InstanceSpec> RunningAsync(string taskState)
    {
        await _driver.InitHostAsync(Host, CancellationToken.None);
        var spec = Spec(VmState.Active, taskState);
        await _driver.SpawnAsync(InstanceMapper.ToVirt(spec, requireFlavor: true), new NoImageSource(), CancellationToken.None);
        return spec;
    }

    private Task<DriverPowerState> PowerAsync(InstanceSpec spec) =>
        _driver.GetPowerStateAsync(InstanceMapper.ToVirt(spec, requireFlavor: false), CancellationToken.None);

    [Fact]
    public async Task Stop_powers_off_and_reports_stopped_expecting_powering_off()
    {
        var spec = await RunningAsync(TaskState.PoweringOff);
        await StopAsync(spec);

        Assert.Equal(DriverPowerState.Shutdown, await PowerAsync(spec));
        var report = Assert.Single(_rpc.CastsOf<InstanceUpdate>());
        Assert.Equal([TaskState.PoweringOff], report.ExpectedTaskStates);
        Assert.Equal(VmState.Stopped, report.VmState);
        Assert.Equal("", report.TaskState);
        Assert.Equal((int)PowerState.Shutdown, report.PowerState);
        Assert.Equal(InstanceOperations.Stop.EventName, report.Event);
        Assert.Equal("Success", report.EventResult);
        Assert.Equal(Host, report.Host);
    }

    [Fact]
    public async Task Start_after_stop_powers_on_and_reports_active()
    {
        var spec = await RunningAsync(TaskState.PoweringOff);
        await StopAsync(spec);
        spec.VmState = VmState.Stopped;
        spec.TaskState = TaskState.PoweringOn;
        await StartAsync(spec);

        Assert.Equal(DriverPowerState.Running, await PowerAsync(spec));
        var report = _rpc.CastsOf<InstanceUpdate>().Last();
        Assert.Equal([TaskState.PoweringOn], report.ExpectedTaskStates);
        Assert.Equal(VmState.Active, report.VmState);
        Assert.Equal((int)PowerState.Running, report.PowerState);
        Assert.Equal(InstanceOperations.Start.EventName, report.Event);
    }

    [Fact]
    public async Task Redelivered_stop_is_harmless()
    {
        var spec = await RunningAsync(TaskState.PoweringOff);
        await StopAsync(spec);
        await StopAsync(spec);

        Assert.Equal(DriverPowerState.Shutdown, await PowerAsync(spec));
        Assert.All(_rpc.CastsOf<InstanceUpdate>(), r => Assert.Equal("Success", r.EventResult));
    }

    [Theory]
    [InlineData(false, TaskState.Rebooting)]
    [InlineData(true, TaskState.RebootingHard)]
    public async Task Reboot_reports_active_expecting_its_task_state(bool hard, string taskState)
    {
        var spec = await RunningAsync(taskState);
        await RebootAsync(spec, hard);

        var report = Assert.Single(_rpc.CastsOf<InstanceUpdate>());
        Assert.Equal([taskState], report.ExpectedTaskStates);
        Assert.Equal(VmState.Active, report.VmState);
        Assert.Equal("", report.TaskState);
        Assert.Equal(InstanceOperations.Reboot.EventName, report.Event);
    }

    [Fact]
    public async Task Failed_soft_reboot_clears_the_task_keeps_vm_state_and_records_a_fault()
    {
        var spec = await RunningAsync(TaskState.PoweringOff);
        await StopAsync(spec);
        spec.TaskState = TaskState.Rebooting;
        await RebootAsync(spec, false);

        var report = _rpc.CastsOf<InstanceUpdate>().Last();
        Assert.Equal([TaskState.Rebooting], report.ExpectedTaskStates);
        Assert.Equal("", report.TaskState);
        Assert.False(report.HasVmState);
        Assert.Equal((int)DriverPowerState.Shutdown, report.PowerState);
        Assert.NotNull(report.Fault);
        Assert.Equal(Host, report.Fault.Host);
        Assert.Equal("Error", report.EventResult);
    }

    [Fact]
    public async Task Stop_of_an_instance_the_driver_does_not_know_reports_a_fault_without_power_state()
    {
        await _driver.InitHostAsync(Host, CancellationToken.None);
        var spec = Spec(VmState.Active, TaskState.PoweringOff);
        await StopAsync(spec);

        var report = Assert.Single(_rpc.CastsOf<InstanceUpdate>());
        Assert.Equal("Error", report.EventResult);
        Assert.False(report.HasPowerState);
        Assert.False(report.HasVmState);
        Assert.NotEmpty(report.Fault.Message);
    }

    [Fact]
    public async Task The_operation_waits_for_the_instance_lock()
    {
        var spec = await RunningAsync(TaskState.PoweringOff);
        Task stop;
        using (await _locks.AcquireAsync(Guid.Parse(spec.InstanceId), CancellationToken.None))
        {
            stop = StopAsync(spec);
            Assert.False(stop.IsCompleted);
            Assert.Empty(_rpc.Casts);
        }
        await stop.WithinAsync("the stop, once the instance lock is released");
        Assert.Single(_rpc.CastsOf<InstanceUpdate>());
    }
}
