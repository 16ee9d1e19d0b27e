using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Testing;

namespace ControlPlane.Compute.UnitTests.Manager;

public sealed class TerminateInstanceTests
{
    [Fact]
    public async Task Terminate_destroys_the_instance_frees_its_capacity_and_reports_deleted()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec();
        await f.BuildAsync(ComputeFixture.Build(spec), redelivered: false);
        spec.VmState = VmState.Active;
        spec.TaskState = TaskState.Deleting;

        await f.TerminateAsync(ComputeFixture.Terminate(spec));

        var deleted = f.Rpc.CastsOf<InstanceUpdate>().Last();
        Assert.True(deleted.Deleted);
        Assert.Equal(VmState.Deleted, deleted.VmState);
        Assert.Equal([TaskState.Deleting], deleted.ExpectedTaskStates);
        Assert.Equal("Success", deleted.EventResult);
        Assert.False(await f.OnHypervisorAsync(spec));
        Assert.Equal(0, (await f.Driver.GetHostCapacityAsync(CancellationToken.None)).MemoryMbUsed);
    }

    [Fact]
    public async Task Terminate_of_an_instance_the_hypervisor_does_not_know_reports_deleted()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Error, TaskState.Deleting);

        await f.TerminateAsync(ComputeFixture.Terminate(spec));
        await f.TerminateAsync(ComputeFixture.Terminate(spec));

        var updates = f.Rpc.CastsOf<InstanceUpdate>();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.True(u.Deleted));
    }

    [Fact]
    public async Task Terminate_of_an_instance_mid_build_expects_its_build_task_state_too()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Building, TaskState.Spawning);

        await f.TerminateAsync(ComputeFixture.Terminate(spec));

        var deleted = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal([TaskState.Deleting, TaskState.Spawning], deleted.ExpectedTaskStates);
    }

    [Fact]
    public async Task A_destroy_failure_reports_the_instance_in_error_with_a_fault()
    {
        var f = new ComputeFixture(new FakeDriverOptions { FailDestroy = true });
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, TaskState.Deleting);

        await f.TerminateAsync(ComputeFixture.Terminate(spec));

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.False(update.Deleted);
        Assert.Equal(VmState.Error, update.VmState);
        Assert.Equal("", update.TaskState);
        Assert.Contains("Injected destroy failure", update.Fault.Message);
        Assert.Equal("Error", update.EventResult);
        Assert.True(f.RunnerLog.Has(3222));
    }

    [Fact]
    public async Task Build_and_terminate_of_one_instance_never_overlap()
    {
        var f = new ComputeFixture(new FakeDriverOptions { SpawnDelay = TimeSpan.FromSeconds(30) });
        await f.InitAsync();
        var spec = ComputeFixture.Spec();

        var build = f.BuildAsync(ComputeFixture.Build(spec), redelivered: false);
        await f.Rpc.Changed.UntilAsync(() => f.Rpc.CastsOf<InstanceUpdate>().Count == 1, "the build reported spawning");
        var terminate = f.TerminateAsync(ComputeFixture.Terminate(spec));
        Assert.False(terminate.IsCompleted);
        Assert.Equal(1, f.Locks.Count);

        Assert.Equal(TimeSpan.FromSeconds(30), await f.Time.AdvanceToNextTimerAsync("the spawn delay"));
        await build.WithinAsync("the build, once the spawn delay passed");
        await terminate.WithinAsync("the terminate, once the build released the lock");

        var updates = f.Rpc.CastsOf<InstanceUpdate>();
        Assert.Equal(VmState.Active, updates[1].VmState);
        Assert.True(updates[2].Deleted);
        Assert.False(await f.OnHypervisorAsync(spec));
        Assert.Equal(0, f.Locks.Count);
    }
}
