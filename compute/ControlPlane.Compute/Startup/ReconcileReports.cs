using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Startup;

/// <summary>The <see cref="InstanceUpdate"/>s of the start-up reconcile that belong to no operation: each
/// expects the task state the conductor listed, so a report that raced a new operation loses its compare-and-set.</summary>
public static class ReconcileReports
{
    /// <summary>Only the power state (and optionally vm_state), expecting the task state seen.</summary>
    public static InstanceUpdate Power(Guid instanceId, string host, string expectedTaskState, DriverPowerState power, string? vmState = null)
    {
        var update = New(instanceId, host, expectedTaskState);
        update.PowerState = (int)power;
        if (vmState is not null)
        {
            update.VmState = vmState;
        }
        return update;
    }

    /// <summary>Clears a task state left by a restart, optionally reporting the power state.</summary>
    public static InstanceUpdate ClearTask(Guid instanceId, string host, string expectedTaskState, DriverPowerState? power)
    {
        var update = New(instanceId, host, expectedTaskState);
        update.TaskState = "";
        if (power is { } p)
        {
            update.PowerState = (int)p;
        }
        return update;
    }

    private static InstanceUpdate New(Guid instanceId, string host, string expectedTaskState)
    {
        var update = new InstanceUpdate { InstanceId = instanceId.ToString("D"), Host = host };
        update.ExpectedTaskStates.Add(expectedTaskState);
        return update;
    }
}
