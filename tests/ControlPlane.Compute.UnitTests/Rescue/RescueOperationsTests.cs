using ControlPlane.Compute.Rescue;
using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.UnitTests.Rescue;

/// <summary>rescue_instance / unrescue_instance on the operation runner: driver work, one compare-and-set report each.</summary>
public sealed class RescueOperationsTests
{
    [Fact]
    public async Task Rescue_then_unrescue_report_rescued_then_active_with_their_events()
    {
        var (f, spec) = await SpawnedAsync();
        var rescue = new RescueInstanceOperation(f.Driver, f.RescueSteps, f.Time);
        var unrescue = new UnrescueInstanceOperation(f.Driver, f.RescueSteps);

        await f.Runner.RunAsync(rescue, new RescueInstance { Instance = With(spec, TaskState.Rescuing), RescueImageId = Guid.NewGuid().ToString() },
            redelivered: false, CancellationToken.None);
        Assert.Equal(RescueState.Rescued, await f.RescueSteps.Driver.GetRescueStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
        await f.Runner.RunAsync(unrescue, new UnrescueInstance { Instance = With(spec, TaskState.Unrescuing) }, redelivered: false, CancellationToken.None);

        var updates = f.Rpc.CastsOf<InstanceUpdate>().Where(u => u.TaskState.Length == 0).ToList();
        Assert.Equal([(VmState.Rescued, "compute_rescue_instance"), (VmState.Active, "compute_unrescue_instance")], updates.Select(u => (u.VmState, u.Event)));
        Assert.All(updates, u => Assert.Equal(("Success", (int)PowerState.Running), (u.EventResult, u.PowerState)));
        Assert.Equal(f.Time.GetUtcNow(), updates[0].LaunchedAt.ToDateTimeOffset());
        Assert.Equal(RescueState.NotRescued, await f.RescueSteps.Driver.GetRescueStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_rescue_reverts_the_task_with_a_fault_and_keeps_the_vm_state()
    {
        var (f, spec) = await SpawnedAsync();
        await f.RescueSteps.RescueAsync(ComputeFixture.Virt(spec), Guid.NewGuid(), CancellationToken.None);

        await f.Runner.RunAsync(new RescueInstanceOperation(f.Driver, f.RescueSteps, f.Time),
            new RescueInstance { Instance = With(spec, TaskState.Rescuing), RescueImageId = Guid.NewGuid().ToString() }, redelivered: false, CancellationToken.None);

        var failed = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>(), u => u.Fault is not null);
        Assert.Equal(("", "Error", false), (failed.TaskState, failed.EventResult, failed.HasVmState));
        Assert.Contains("already in rescue mode", failed.Fault.Message);
    }

    private static InstanceSpec With(InstanceSpec spec, string taskState)
    {
        var copy = spec.Clone();
        copy.TaskState = taskState;
        return copy;
    }

    private static async Task<(ComputeFixture, InstanceSpec)> SpawnedAsync()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, "", power: PowerState.Running);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);
        return (f, spec);
    }
}
