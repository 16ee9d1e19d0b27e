using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.UnitTests.Manager;

public sealed class BuildAndRunInstanceTests
{
    [Fact]
    public async Task Build_reports_spawning_then_active_and_the_driver_runs_the_instance()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec();

        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: false);

        Assert.All(f.Rpc.Casts, c => Assert.Equal(Topics.Conductor, c.Topic));
        var updates = f.Rpc.CastsOf<InstanceUpdate>();
        Assert.Equal(2, updates.Count);
        Assert.Equal(TaskState.Spawning, updates[0].TaskState);
        Assert.Equal(VmState.Building, updates[0].VmState);
        Assert.Contains(TaskState.Scheduling, updates[0].ExpectedTaskStates);
        var active = updates[1];
        Assert.Equal(spec.InstanceId, active.InstanceId);
        Assert.Equal(ComputeFixture.Host, active.Host);
        Assert.Equal(VmState.Active, active.VmState);
        Assert.Equal("", active.TaskState);
        Assert.Equal((int)PowerState.Running, active.PowerState);
        Assert.Equal(f.Time.GetUtcNow(), active.LaunchedAt.ToDateTimeOffset());
        Assert.Contains(TaskState.Spawning, active.ExpectedTaskStates);
        Assert.Equal("Success", active.EventResult);
        Assert.Empty(f.Rpc.CastsOf<BuildFailed>());
        Assert.Equal(DriverPowerState.Running, await f.Driver.GetPowerStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
        Assert.Equal(0, f.Images.Opened);
        Assert.Equal(0, f.Locks.Count);
    }

    [Fact]
    public async Task A_driver_failure_destroys_the_leftovers_and_casts_a_retryable_BuildFailed()
    {
        var f = new ComputeFixture(new FakeDriverOptions { FailNextSpawns = 1 });
        await f.InitAsync();
        var spec = ComputeFixture.Spec();

        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: false);

        var failed = Assert.Single(f.Rpc.CastsOf<BuildFailed>());
        Assert.Equal(spec.InstanceId, failed.InstanceId);
        Assert.Equal(ComputeFixture.Host, failed.Host);
        Assert.True(failed.Retryable);
        Assert.Contains("Injected spawn failure", failed.Fault.Message);
        Assert.Equal(ComputeFixture.Host, failed.Fault.Host);
        Assert.DoesNotContain(f.Rpc.CastsOf<InstanceUpdate>(), u => u.VmState == VmState.Active);
        Assert.False(await f.OnHypervisorAsync(spec));
        var capacity = await f.Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal(0, capacity.MemoryMbUsed);
    }

    [Fact]
    public async Task A_host_without_room_casts_BuildFailed_and_keeps_its_books_honest()
    {
        var f = new ComputeFixture(new FakeDriverOptions { MemoryMb = 1024, RamAllocationRatio = 1.0 });
        await f.InitAsync();
        var first = ComputeFixture.Spec(memoryMb: 1024);
        var second = ComputeFixture.Spec(memoryMb: 512);

        await f.BuildAsync(ComputeFixture.Build(first), redelivered: false);
        await f.BuildAsync(ComputeFixture.Build(second), redelivered: false);

        var failed = Assert.Single(f.Rpc.CastsOf<BuildFailed>());
        Assert.Equal(second.InstanceId, failed.InstanceId);
        Assert.True(failed.Retryable);
        Assert.Contains("Insufficient memory", failed.Fault.Message);
        var capacity = await f.Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal(1024, capacity.MemoryMbUsed);
        Assert.Equal(1, capacity.RunningVms);
    }

    [Fact]
    public async Task A_redelivered_build_of_a_running_instance_reports_active_again_without_a_second_spawn()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec();
        f.Assigned.Add(spec);
        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: false);

        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: true);

        var updates = f.Rpc.CastsOf<InstanceUpdate>();
        Assert.Equal(3, updates.Count);
        Assert.Equal(VmState.Active, updates[2].VmState);
        Assert.Empty(f.Rpc.CastsOf<BuildFailed>());
        Assert.Equal(1, (await f.Driver.GetHostCapacityAsync(CancellationToken.None)).RunningVms);
        Assert.True(f.RunnerLog.Has(3003));
    }

    [Fact]
    public async Task A_redelivered_build_over_a_half_built_instance_rebuilds_it()
    {
        var f = new ComputeFixture(new FakeDriverOptions { FailNextSpawns = 1 });
        await f.InitAsync();
        var spec = ComputeFixture.Spec();
        f.Assigned.Add(spec);
        // A crash between a failed spawn and its cleanup leaves a halted VM behind.
        await Assert.ThrowsAnyAsync<Exception>(() => f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None));
        Assert.True(await f.OnHypervisorAsync(spec));

        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: true);

        Assert.True(f.RunnerLog.Has(3004));
        Assert.Equal(VmState.Active, f.Rpc.CastsOf<InstanceUpdate>().Last().VmState);
        Assert.Equal(DriverPowerState.Running, await f.Driver.GetPowerStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task An_unbuildable_flavor_casts_a_non_retryable_BuildFailed()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(memoryMb: 0);

        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: false);

        var failed = Assert.Single(f.Rpc.CastsOf<BuildFailed>());
        Assert.False(failed.Retryable);
        Assert.Contains("flavor", failed.Fault.Message);
        Assert.Empty(f.Rpc.CastsOf<InstanceUpdate>());
    }

    [Fact]
    public async Task A_build_without_a_valid_instance_id_is_rejected_and_reports_nothing()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec();
        spec.InstanceId = "../../etc";

        var error = await Assert.ThrowsAsync<InvalidException>(() =>
            f.BuildAsync(ComputeFixture.Build(spec), redelivered: false));

        Assert.Contains("instance_id", error.Message);
        Assert.Empty(f.Rpc.Casts);
    }

    [Fact]
    public async Task A_failed_report_after_spawning_is_recovered_by_the_redelivery()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec();
        f.Assigned.Add(spec);
        var build = ComputeFixture.Build(spec);
        await f.BuildAsync(build, redelivered: false);
        f.Rpc.FailNextCasts(1);

        // The broker drops the active report of a redelivery: the handler throws, the message is
        // redelivered again and the report is sent then.
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => f.BuildAsync(build, redelivered: true));
        await f.BuildAsync(build, redelivered: true);

        Assert.Equal(VmState.Active, f.Rpc.CastsOf<InstanceUpdate>().Last().VmState);
        Assert.Equal(1, (await f.Driver.GetHostCapacityAsync(CancellationToken.None)).RunningVms);
    }

    [Fact]
    public async Task A_stale_redelivery_of_a_build_handed_back_at_start_is_skipped_but_a_fresh_one_runs()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(taskState: TaskState.Spawning);
        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);
        Assert.Single(f.Rpc.CastsOf<BuildFailed>());

        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: true);
        Assert.False(await f.OnHypervisorAsync(spec));
        Assert.Empty(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.True(f.RunnerLog.Has(3006));

        await f.BuildAsync(ComputeFixture.Build(spec, attempt: 2), redelivered: false);
        Assert.True(await f.OnHypervisorAsync(spec));
        Assert.Equal(VmState.Active, f.Rpc.CastsOf<InstanceUpdate>().Last().VmState);
    }

    [Fact]
    public async Task A_redelivered_build_the_conductor_placed_elsewhere_is_dropped_and_its_leftovers_removed()
    {
        var f = new ComputeFixture(new FakeDriverOptions { FailNextSpawns = 1 });
        await f.InitAsync();
        var spec = ComputeFixture.Spec();
        await Assert.ThrowsAnyAsync<Exception>(() => f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None));

        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: true);

        Assert.Equal(1, f.Rpc.CallAttempts);
        Assert.Empty(f.Rpc.Casts);
        Assert.False(await f.OnHypervisorAsync(spec));
        Assert.True(f.RunnerLog.Has(3008));
    }

    [Fact]
    public async Task A_redelivered_build_of_an_instance_already_active_here_changes_nothing()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec();
        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: false);
        var casts = f.Rpc.Casts.Count;
        f.Assigned.Add(ComputeFixture.Spec(VmState.Active, "", id: Guid.Parse(spec.InstanceId), power: PowerState.Running));

        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: true);

        Assert.Equal(casts, f.Rpc.Casts.Count);
        Assert.Equal(DriverPowerState.Running, await f.Driver.GetPowerStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task A_redelivered_build_while_the_conductor_is_unreachable_fails_so_the_message_is_retried()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec();
        f.Rpc.FailNextCalls(1);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            f.BuildAsync(ComputeFixture.Build(spec), redelivered: true));

        Assert.False(await f.OnHypervisorAsync(spec));
        Assert.Equal(0, f.Locks.Count);
    }
}
