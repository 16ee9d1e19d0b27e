using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Power;

/// <summary>
/// The <see cref="InstanceUpdate"/>s of stop, start and reboot. Each expects the task state the api set
/// (powering-off, powering-on, rebooting, rebooting_hard), so a report of an operation that was superseded
/// (e.g. by a delete) loses its compare-and-set.
/// </summary>
public static class PowerReports
{
    /// <summary>Instance action event of a stop.</summary>
    public const string StopEvent = "compute_stop_instance";

    /// <summary>Instance action event of a start.</summary>
    public const string StartEvent = "compute_start_instance";

    /// <summary>Instance action event of a reboot.</summary>
    public const string RebootEvent = "compute_reboot_instance";

    /// <summary>stopped/Shutdown/none: the instance is powered off.</summary>
    public static InstanceUpdate Stopped(Guid instanceId, string host) =>
        New(instanceId, host, TaskState.PoweringOff, StopEvent, "Success", u =>
        {
            u.VmState = VmState.Stopped;
            u.PowerState = (int)PowerState.Shutdown;
        });

    /// <summary>active/Running/none after a start or a reboot.</summary>
    public static InstanceUpdate Running(Guid instanceId, string host, string expectedTaskState, string eventName) =>
        New(instanceId, host, expectedTaskState, eventName, "Success", u =>
        {
            u.VmState = VmState.Active;
            u.PowerState = (int)PowerState.Running;
        });

    /// <summary>Failed: task state back to none (vm_state unchanged), the power state the driver still
    /// reports (when it could be read), the fault recorded and an Error event.</summary>
    public static InstanceUpdate Failed(Guid instanceId, string host, string expectedTaskState, string eventName, InstanceFault fault, DriverPowerState? power) =>
        New(instanceId, host, expectedTaskState, eventName, "Error", u =>
        {
            u.Fault = fault;
            if (power is { } p)
            {
                u.PowerState = (int)p;
            }
        });

    private static InstanceUpdate New(Guid instanceId, string host, string expectedTaskState, string eventName, string result, Action<InstanceUpdate> fill)
    {
        var update = new InstanceUpdate
        {
            InstanceId = instanceId.ToString("D"), Host = host, TaskState = "", Event = eventName, EventResult = result,
        };
        update.ExpectedTaskStates.Add(expectedTaskState);
        fill(update);
        return update;
    }
}
