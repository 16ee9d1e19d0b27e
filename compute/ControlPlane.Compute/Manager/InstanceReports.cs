using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Compute.Manager;

/// <summary>
/// The <see cref="InstanceUpdate"/> messages a compute host sends. Each names the task states it
/// expects, so the conductor applies it as a compare-and-set and a stale or reordered report is
/// dropped rather than overwriting newer state.
/// </summary>
public static class InstanceReports
{
    /// <summary>Instance action event of a build.</summary>
    public const string BuildEvent = "compute_build_and_run_instance";

    /// <summary>Instance action event of a terminate.</summary>
    public const string TerminateEvent = "compute_terminate_instance";

    /// <summary>Task states of a build in progress (empty = none is not one of them).</summary>
    public static readonly IReadOnlyList<string> BuildTaskStates =
        [TaskState.Scheduling, TaskState.BlockDeviceMapping, TaskState.Networking, TaskState.Spawning];

    /// <summary>building/spawning: the host started the build.</summary>
    public static InstanceUpdate Spawning(Guid instanceId, string host) =>
        New(instanceId, host, BuildTaskStates, u =>
        {
            u.VmState = VmState.Building;
            u.TaskState = TaskState.Spawning;
        });

    /// <summary>
    /// active/none/running: the build finished. Expects every build state, not only spawning, so a
    /// conductor replica that applies it before the spawning report (casts may be consumed out of
    /// order) still lands it, and the late spawning report then loses its compare-and-set.
    /// </summary>
    public static InstanceUpdate Active(Guid instanceId, string host, DateTimeOffset launchedAt) =>
        New(instanceId, host, BuildTaskStates, u =>
        {
            u.VmState = VmState.Active;
            u.TaskState = "";
            u.PowerState = (int)PowerState.Running;
            u.LaunchedAt = Timestamp.FromDateTimeOffset(launchedAt);
            u.Event = BuildEvent;
            u.EventResult = "Success";
        });

    /// <summary>deleted: the hypervisor holds nothing of the instance any more.</summary>
    public static InstanceUpdate Deleted(Guid instanceId, string host, IEnumerable<string> expectedTaskStates) =>
        New(instanceId, host, expectedTaskStates, u =>
        {
            u.Deleted = true;
            u.VmState = VmState.Deleted;
            u.TaskState = "";
            u.PowerState = (int)PowerState.NoState;
            u.Event = TerminateEvent;
            u.EventResult = "Success";
        });

    /// <summary>error/none with a fault: a destroy failed (Nova: terminate errors out the instance).</summary>
    public static InstanceUpdate DeleteFailed(Guid instanceId, string host, IEnumerable<string> expectedTaskStates, InstanceFault fault) =>
        New(instanceId, host, expectedTaskStates, u =>
        {
            u.VmState = VmState.Error;
            u.TaskState = "";
            u.Fault = fault;
            u.Event = TerminateEvent;
            u.EventResult = "Error";
        });

    /// <summary>Only the power state (and optionally vm_state), expecting the task state seen.</summary>
    public static InstanceUpdate Power(Guid instanceId, string host, string expectedTaskState, DriverPowerState power, string? vmState = null) =>
        New(instanceId, host, [expectedTaskState], u =>
        {
            u.PowerState = (int)power;
            if (vmState is not null)
            {
                u.VmState = vmState;
            }
        });

    /// <summary>Clears a task state left by a restart, optionally reporting the power state.</summary>
    public static InstanceUpdate ClearTask(Guid instanceId, string host, string expectedTaskState, DriverPowerState? power) =>
        New(instanceId, host, [expectedTaskState], u =>
        {
            u.TaskState = "";
            if (power is { } p)
            {
                u.PowerState = (int)p;
            }
        });

    /// <summary>A fault as the conductor records it.</summary>
    public static InstanceFault Fault(Exception exception, string host, int code = 500) => new()
    {
        Code = code,
        Message = exception is Virt.Errors.VirtDriverException or Domain.Errors.ControlPlaneException
            ? exception.Message
            : "Unexpected " + exception.GetType().Name + " on the compute host.",
        Details = exception.GetType().FullName ?? exception.GetType().Name,
        Host = host,
    };

    private static InstanceUpdate New(Guid instanceId, string host, IEnumerable<string> expected, Action<InstanceUpdate> fill)
    {
        var update = new InstanceUpdate { InstanceId = instanceId.ToString("D"), Host = host };
        update.ExpectedTaskStates.AddRange(expected);
        fill(update);
        return update;
    }
}
