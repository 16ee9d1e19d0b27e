using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.UnitTests.Startup;

public sealed class InstanceReconcilerTests
{
    [Fact]
    public async Task A_build_interrupted_while_spawning_is_handed_back_for_rescheduling()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Building, TaskState.Spawning);

        var result = await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        var failed = Assert.Single(f.Rpc.CastsOf<BuildFailed>());
        Assert.Equal(spec.InstanceId, failed.InstanceId);
        Assert.True(failed.Retryable);
        Assert.Contains("interrupted", failed.Fault.Message);
        Assert.Equal(1, result.Changed);
        Assert.True(f.InterruptedBuilds.IsStale(Guid.Parse(spec.InstanceId), redelivered: true));
    }

    [Fact]
    public async Task A_half_built_instance_is_destroyed_before_it_is_handed_back()
    {
        var f = new ComputeFixture(new FakeDriverOptions { FailNextSpawns = 1 });
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Building, TaskState.Spawning);
        await Assert.ThrowsAnyAsync<Exception>(() => f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None));

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        Assert.False(await f.OnHypervisorAsync(spec));
        Assert.Single(f.Rpc.CastsOf<BuildFailed>());
    }

    [Fact]
    public async Task A_spawn_that_finished_before_the_crash_is_reported_active()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Building, TaskState.Spawning);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        Assert.Empty(f.Rpc.CastsOf<BuildFailed>());
        var active = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal(VmState.Active, active.VmState);
        Assert.True(await f.OnHypervisorAsync(spec));
    }

    [Theory]
    [InlineData(TaskState.Scheduling)]
    [InlineData(TaskState.Networking)]
    [InlineData("")]
    public async Task A_build_this_host_never_started_is_left_to_its_queued_message(string taskState)
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Building, taskState);

        var result = await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        Assert.Empty(f.Rpc.Casts);
        Assert.Equal(0, result.Changed);
        Assert.False(f.InterruptedBuilds.IsStale(Guid.Parse(spec.InstanceId), redelivered: true));
    }

    [Fact]
    public async Task An_interrupted_delete_is_finished()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, TaskState.Deleting, power: PowerState.Running);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        Assert.False(await f.OnHypervisorAsync(spec));
        var deleted = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.True(deleted.Deleted);
        Assert.Equal([TaskState.Deleting], deleted.ExpectedTaskStates);
    }

    [Fact]
    public async Task An_active_instance_missing_on_the_hypervisor_gets_power_state_nostate_and_keeps_its_vm_state()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, "", power: PowerState.Running);

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal((int)PowerState.NoState, update.PowerState);
        Assert.False(update.HasVmState);
        Assert.False(update.HasTaskState);
        Assert.Equal([""], update.ExpectedTaskStates);
        Assert.True(f.ReconcilerLog.Has(3068));
    }

    [Fact]
    public async Task An_active_instance_found_shut_down_is_reported_stopped()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, "", power: PowerState.Running);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);
        await f.Driver.PowerOffAsync(ComputeFixture.Virt(spec), TimeSpan.Zero, CancellationToken.None);

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal(VmState.Stopped, update.VmState);
        Assert.Equal((int)PowerState.Shutdown, update.PowerState);
    }

    [Fact]
    public async Task A_running_active_instance_needs_nothing()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, "", power: PowerState.Running);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);

        var result = await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        Assert.Empty(f.Rpc.Casts);
        Assert.Equal(new Compute.Startup.ReconcileResult(0, 0, 0), result);
    }

    [Fact]
    public async Task An_instance_in_error_is_left_alone()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Error, "");

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        Assert.Empty(f.Rpc.Casts);
    }

    [Theory]
    [InlineData(TaskState.ImageUploading, false)]
    [InlineData(TaskState.ResizePrep, false)]
    [InlineData(TaskState.PoweringOff, true)]
    public async Task A_task_left_by_a_restart_is_cleared(string taskState, bool reportsPower)
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, taskState, power: PowerState.Running);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal("", update.TaskState);
        Assert.Equal([taskState], update.ExpectedTaskStates);
        Assert.Equal(reportsPower, update.HasPowerState);
        Assert.True(await f.OnHypervisorAsync(spec));
    }

    [Theory]
    [InlineData(TaskState.Pausing, true, VmState.Paused, PowerState.Paused)]
    [InlineData(TaskState.Pausing, false, VmState.Active, PowerState.Running)]
    [InlineData(TaskState.Suspending, true, VmState.Suspended, PowerState.Suspended)]
    public async Task An_interrupted_pause_or_suspend_is_cleared_with_the_vm_state_of_the_power_state_found(
        string taskState, bool reachedHypervisor, string vmState, PowerState power)
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, taskState, power: PowerState.Running);
        var virt = ComputeFixture.Virt(spec);
        await f.Driver.SpawnAsync(virt, f.Images, CancellationToken.None);
        if (reachedHypervisor && taskState == TaskState.Pausing)
        {
            await f.FakeDriver.PauseAsync(virt, CancellationToken.None);
        }
        else if (reachedHypervisor)
        {
            await f.FakeDriver.SuspendAsync(virt, CancellationToken.None);
        }

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal([taskState], update.ExpectedTaskStates);
        Assert.Equal(("", vmState, (int)power), (update.TaskState, update.VmState, update.PowerState));
    }

    [Fact]
    public async Task Hypervisor_instances_unknown_to_the_control_plane_are_logged_and_kept()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var stranger = ComputeFixture.Spec();
        await f.Driver.SpawnAsync(ComputeFixture.Virt(stranger), f.Images, CancellationToken.None);

        var result = await f.Reconciler.ReconcileAsync([], CancellationToken.None);

        Assert.Equal(1, result.Unknown);
        Assert.True(await f.OnHypervisorAsync(stranger));
        Assert.True(f.ReconcilerLog.Has(3069));
        Assert.Empty(f.Rpc.Casts);
    }

    [Fact]
    public async Task A_malformed_instance_is_counted_as_failed_and_the_others_still_reconcile()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var broken = ComputeFixture.Spec(VmState.Building, TaskState.Spawning);
        broken.InstanceId = "not-a-uuid";
        var good = ComputeFixture.Spec(VmState.Building, TaskState.Spawning);

        var result = await f.Reconciler.ReconcileAsync([broken, good], CancellationToken.None);

        Assert.Equal(1, result.Failed);
        Assert.Equal(1, result.Changed);
        Assert.Equal(good.InstanceId, Assert.Single(f.Rpc.CastsOf<BuildFailed>()).InstanceId);
    }

    [Fact]
    public async Task Reconcile_leaves_no_instance_in_a_build_state_it_had_started()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var specs = Enumerable.Range(0, 20).Select(_ => ComputeFixture.Spec(VmState.Building, TaskState.Spawning)).ToList();
        foreach (var spec in specs.Take(10))
        {
            await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);
        }

        await f.Reconciler.ReconcileAsync(specs, CancellationToken.None);

        var activeIds = f.Rpc.CastsOf<InstanceUpdate>().Where(u => u.VmState == VmState.Active).Select(u => u.InstanceId).ToHashSet();
        var failedIds = f.Rpc.CastsOf<BuildFailed>().Select(b => b.InstanceId).ToHashSet();
        Assert.All(specs, s => Assert.True(activeIds.Contains(s.InstanceId) ^ failedIds.Contains(s.InstanceId)));
        Assert.Equal(10, activeIds.Count);
        Assert.Equal(0, f.Locks.Count);
    }
}
