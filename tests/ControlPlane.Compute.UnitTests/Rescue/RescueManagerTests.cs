using ControlPlane.Compute.Rescue;
using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.UnitTests.Rescue;

/// <summary>rescue_instance / unrescue_instance on the compute: driver work under the lock, one compare-and-set report each.</summary>
public sealed class RescueManagerTests
{
    [Fact]
    public async Task Rescue_then_unrescue_report_rescued_then_active_with_their_events()
    {
        var (f, manager, spec) = await SpawnedAsync();
        var image = Guid.NewGuid();

        await manager.RescueInstanceAsync(new RescueInstance { Instance = With(spec, TaskState.Rescuing), RescueImageId = image.ToString() }, CancellationToken.None);
        await manager.UnrescueInstanceAsync(new UnrescueInstance { Instance = With(spec, TaskState.Unrescuing) }, CancellationToken.None);

        var updates = f.Rpc.CastsOf<InstanceUpdate>();
        Assert.Equal([(VmState.Rescued, TaskState.Rescuing, RescueReports.RescueEvent), (VmState.Active, TaskState.Unrescuing, RescueReports.UnrescueEvent)],
            updates.Select(u => (u.VmState, u.ExpectedTaskStates.Single(), u.Event)));
        Assert.All(updates, u => Assert.Equal(("", "Success", (int)PowerState.Running), (u.TaskState, u.EventResult, u.PowerState)));
        Assert.Equal(RescueState.NotRescued, await f.RescueSteps.Driver.GetRescueStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_rescue_clears_the_task_with_a_fault_and_keeps_the_vm_state()
    {
        var (f, manager, spec) = await SpawnedAsync();
        await f.RescueSteps.RescueAsync(ComputeFixture.Virt(spec), Guid.NewGuid(), CancellationToken.None);

        await manager.RescueInstanceAsync(new RescueInstance { Instance = With(spec, TaskState.Rescuing), RescueImageId = Guid.NewGuid().ToString() }, CancellationToken.None);

        var failed = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal(("", "Error", false), (failed.TaskState, failed.EventResult, failed.HasVmState));
        Assert.Contains("already in rescue mode", failed.Fault.Message);
    }

    private static InstanceSpec With(InstanceSpec spec, string taskState)
    {
        var copy = spec.Clone();
        copy.TaskState = taskState;
        return copy;
    }

    private static async Task<(ComputeFixture, RescueManager, InstanceSpec)> SpawnedAsync()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, "", power: PowerState.Running);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);
        var manager = new RescueManager(f.Driver, f.RescueSteps, f.Conductor, f.Locks, f.Options, f.Time, new RecordingLogger<RescueManager>());
        return (f, manager, spec);
    }
}
