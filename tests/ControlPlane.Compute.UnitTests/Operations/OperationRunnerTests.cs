using ControlPlane.Compute.Operations;
using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Notifications;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Testing;

namespace ControlPlane.Compute.UnitTests.Operations;

public sealed class OperationRunnerTests
{
    private static readonly InstanceOperation MultiStep = InstanceOperations.CreateImage with { RequiredFeature = null };

    private static StopInstance Message(string taskState = TaskState.ImageSnapshotPending) =>
        new() { Instance = ComputeFixture.Spec(VmState.Active, taskState, power: PowerState.Running) };

    private static Task RunAsync(ComputeFixture f, OperationSteps<StopInstance> steps, StopInstance message) =>
        f.Runner.RunAsync(steps, message, redelivered: false, CancellationToken.None);

    [Fact]
    public async Task The_steps_run_under_the_instance_lock_and_it_is_released_afterwards()
    {
        var f = new ComputeFixture();
        var message = Message();
        var id = Guid.Parse(message.Instance.InstanceId);
        Task<IDisposable>? second = null;
        var steps = new ProbeOperation(MultiStep, (run, ct) =>
        {
            second = f.Locks.AcquireAsync(id, CancellationToken.None);
            return Task.CompletedTask;
        });

        await RunAsync(f, steps, message);

        // The second acquirer, started while the steps ran, only got the lock once the runner released it.
        Assert.NotNull(second);
        using (await second.WithinAsync("the lock, released by the runner"))
        {
            Assert.Equal(1, f.Locks.Count);
        }
        Assert.Equal(0, f.Locks.Count);
    }

    [Fact]
    public async Task Another_holder_of_the_instance_lock_keeps_the_steps_waiting()
    {
        var f = new ComputeFixture();
        var message = Message();
        var ran = false;
        var steps = new ProbeOperation(MultiStep, (_, _) =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Task run;
        using (await f.Locks.AcquireAsync(Guid.Parse(message.Instance.InstanceId), CancellationToken.None))
        {
            run = RunAsync(f, steps, message);
            Assert.False(run.IsCompleted);
            Assert.False(ran);
            Assert.Empty(f.Rpc.Casts);
        }
        await run.WithinAsync("the operation, once the lock is released");
        Assert.True(ran);
    }

    [Fact]
    public async Task Success_sends_start_and_end_and_reports_the_final_state_expecting_every_step()
    {
        var f = new ComputeFixture();
        var message = Message();
        var steps = new ProbeOperation(MultiStep, async (run, ct) =>
        {
            Assert.Equal(["instance.snapshot.start"], f.Notifier.Sent.Select(n => n.EventType));
            await run.ReportProgressAsync(TaskState.ImageSnapshot, ct);
            await run.ReportProgressAsync(TaskState.ImageUploading, ct);
        });

        await RunAsync(f, steps, message);

        var updates = f.Rpc.CastsOf<InstanceUpdate>();
        Assert.Equal(3, updates.Count);
        Assert.Equal([TaskState.ImageSnapshotPending], updates[0].ExpectedTaskStates);
        Assert.Equal(TaskState.ImageSnapshot, updates[0].TaskState);
        Assert.Equal([TaskState.ImageSnapshotPending, TaskState.ImageSnapshot, TaskState.ImagePendingUpload], updates[1].ExpectedTaskStates);
        Assert.Equal(MultiStep.TaskStates, updates[2].ExpectedTaskStates);
        Assert.Equal("", updates[2].TaskState);
        Assert.Equal(OperationReport.Success, updates[2].EventResult);
        Assert.Equal(MultiStep.EventName, updates[2].Event);
        Assert.Equal(["instance.snapshot.start", "instance.snapshot.end"], f.Notifier.Sent.Select(n => n.EventType));
        Assert.All(f.Notifier.Sent, n => Assert.Equal(message.Instance.InstanceId, n.Payload["instance_uuid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_progress_report_of_a_step_outside_the_definition_fails_the_operation()
    {
        var f = new ComputeFixture();
        var steps = new ProbeOperation(MultiStep, (run, ct) => run.ReportProgressAsync(TaskState.Spawning, ct));

        await RunAsync(f, steps, Message());

        var failed = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal(OperationReport.Error, failed.EventResult);
        Assert.IsType<ArgumentOutOfRangeException>(Assert.Single(steps.CleanedUp));
    }

    [Fact]
    public async Task A_failure_cleans_up_records_the_fault_reverts_the_task_keeps_the_vm_state_and_sends_error()
    {
        var f = new ComputeFixture();
        var steps = new ProbeOperation(InstanceOperations.Stop, (_, _) => throw new DriverOperationException("the hypervisor said no"));

        await RunAsync(f, steps, Message(TaskState.PoweringOff));

        var failed = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal([TaskState.PoweringOff], failed.ExpectedTaskStates);
        Assert.Equal("", failed.TaskState);
        Assert.False(failed.HasVmState);
        Assert.Equal((int)FaultCode.InternalError, failed.Fault.Code);
        Assert.Equal("the hypervisor said no", failed.Fault.Message);
        Assert.Equal(ComputeFixture.Host, failed.Fault.Host);
        Assert.Equal(InstanceOperations.Stop.EventName, failed.Event);
        Assert.Equal(OperationReport.Error, failed.EventResult);
        Assert.Single(steps.CleanedUp);
        Assert.Equal(["instance.power_off.start", "instance.power_off.error"], f.Notifier.Sent.Select(n => n.EventType));
        var error = f.Notifier.Sent.Last();
        Assert.Equal(NotificationPriority.Error, error.Priority);
        Assert.Equal("the hypervisor said no", error.Payload["fault"]!.GetValue<string>());
        Assert.True(f.RunnerLog.Has(3222));
    }

    [Fact]
    public async Task A_failure_of_an_operation_that_errors_out_sets_its_vm_state()
    {
        var f = new ComputeFixture();
        var steps = new ProbeOperation(InstanceOperations.Stop, (_, _) => throw new DriverOperationException("gone wrong"))
        {
            FailWithVmState = VmState.Error,
        };

        await RunAsync(f, steps, Message(TaskState.PoweringOff));

        Assert.Equal(VmState.Error, Assert.Single(f.Rpc.CastsOf<InstanceUpdate>()).VmState);
    }

    [Fact]
    public async Task An_unexpected_exception_is_recorded_without_its_internals()
    {
        var f = new ComputeFixture();
        var steps = new ProbeOperation(InstanceOperations.Stop, (_, _) => throw new InvalidOperationException("secret internals"));

        await RunAsync(f, steps, Message(TaskState.PoweringOff));

        var fault = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>()).Fault;
        Assert.DoesNotContain("secret", fault.Message, StringComparison.Ordinal);
        Assert.Equal((int)FaultCode.InternalError, fault.Code);
    }

    [Fact]
    public async Task An_operation_whose_driver_feature_is_missing_is_refused_with_a_conflict_fault_before_any_step()
    {
        var f = new ComputeFixture(driver: new FeaturelessDriver(new ComputeFixture().FakeDriver));
        var ran = false;
        var steps = new ProbeOperation(InstanceOperations.Rebuild, (_, _) =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        Assert.False(f.Driver.Capabilities.Supports(DriverFeature.Rebuild));

        await RunAsync(f, steps, Message(TaskState.Rebuilding));

        Assert.False(ran);
        var refused = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal((int)FaultCode.Conflict, refused.Fault.Code);
        Assert.Equal("Rebuild is not supported by driver fake.", refused.Fault.Message);
        Assert.Equal("", refused.TaskState);
        Assert.False(refused.HasVmState);
        Assert.IsType<DriverFeatureMissingException>(Assert.Single(steps.CleanedUp));
        Assert.Equal(["instance.rebuild.error"], f.Notifier.Sent.Select(n => n.EventType));
    }

    [Fact]
    public async Task An_unreachable_conductor_propagates_instead_of_failing_the_operation()
    {
        var f = new ComputeFixture();
        var steps = new ProbeOperation(MultiStep, (run, ct) => run.ReportProgressAsync(TaskState.ImageSnapshot, ct));
        f.Rpc.FailNextCasts(1);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => RunAsync(f, steps, Message()));

        Assert.Empty(steps.CleanedUp);
        Assert.Empty(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal(0, f.Locks.Count);
    }

    [Fact]
    public async Task A_message_without_an_instance_is_rejected_before_the_lock()
    {
        var f = new ComputeFixture();
        var steps = new ProbeOperation(MultiStep, (_, _) => Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidException>(() => RunAsync(f, steps, new StopInstance()));

        Assert.Empty(f.Rpc.Casts);
        Assert.Empty(f.Notifier.Sent);
    }

    [Fact]
    public void The_fake_driver_declares_its_features_and_implements_their_interfaces()
    {
        var f = new ComputeFixture();
        Assert.Equal([DriverFeature.Snapshot, DriverFeature.Resize, DriverFeature.Rescue, DriverFeature.VncConsole, DriverFeature.Pause, DriverFeature.Suspend,
            DriverFeature.ConsoleOutput, DriverFeature.Rebuild], f.Driver.Capabilities.Features.Order());
        Assert.True(f.Driver is ISnapshotDriver and IRescueDriver and IPauseDriver and ISuspendDriver and IConsoleDriver and IResizeDriver and IRebuildDriver and IConsoleLogDriver);
    }
}
