using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.UnitTests.Rescue;

/// <summary>Start-up recovery of rescues cut short by a restart: always rescued-and-consistent or back to the former state.</summary>
public sealed class RescueRecoveryTests
{
    private static readonly Guid RescueImage = Guid.NewGuid();

    [Fact]
    public async Task A_rescue_that_finished_before_the_crash_is_reported_rescued_with_launched_at_now()
    {
        var (f, spec) = await SpawnedAsync(VmState.Active, TaskState.Rescuing);
        await f.RescueSteps.RescueAsync(ComputeFixture.Virt(spec), RescueImage, CancellationToken.None);

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal((VmState.Rescued, "", TaskState.Rescuing), (update.VmState, update.TaskState, Assert.Single(update.ExpectedTaskStates)));
        Assert.Equal((int)PowerState.Running, update.PowerState);
        Assert.Equal(f.Time.GetUtcNow(), update.LaunchedAt.ToDateTimeOffset());
        Assert.Equal(RescueState.Rescued, await f.RescueSteps.Driver.GetRescueStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task A_rescue_that_never_reached_the_driver_clears_the_task_and_keeps_the_instance_as_it_was()
    {
        var (f, spec) = await SpawnedAsync(VmState.Stopped, TaskState.Rescuing);
        await f.Driver.PowerOffAsync(ComputeFixture.Virt(spec), TimeSpan.Zero, CancellationToken.None);

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal(("", TaskState.Rescuing), (update.TaskState, Assert.Single(update.ExpectedTaskStates)));
        Assert.False(update.HasVmState);
        Assert.Equal(DriverPowerState.Shutdown, await f.Driver.GetPowerStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task An_interrupted_unrescue_is_finished_and_reported_active()
    {
        var (f, spec) = await SpawnedAsync(VmState.Rescued, TaskState.Unrescuing);
        await f.RescueSteps.RescueAsync(ComputeFixture.Virt(spec), RescueImage, CancellationToken.None);

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal((VmState.Active, "", (int)PowerState.Running), (update.VmState, update.TaskState, update.PowerState));
        Assert.Equal(RescueState.NotRescued, await f.RescueSteps.Driver.GetRescueStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task A_consistently_rescued_instance_without_a_task_is_left_rescued()
    {
        var (f, spec) = await SpawnedAsync(VmState.Rescued, "", PowerState.Running);
        await f.RescueSteps.RescueAsync(ComputeFixture.Virt(spec), RescueImage, CancellationToken.None);

        await f.Reconciler.ReconcileAsync([spec], CancellationToken.None);

        Assert.Empty(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal(RescueState.Rescued, await f.RescueSteps.Driver.GetRescueStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
    }

    private static async Task<(ComputeFixture, InstanceSpec)> SpawnedAsync(string vmState, string taskState, PowerState power = PowerState.Running)
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(vmState, taskState, power: power);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);
        return (f, spec);
    }
}
