using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Operations;

/// <summary>
/// The one builder of the <see cref="InstanceUpdate"/>s an operation sends. Every report is a
/// compare-and-set on the task states the definition says may precede it: a progress report of step
/// <c>s</c> expects every earlier step (<see cref="InstanceOperation.ExpectedBefore"/>), the final
/// report expects every step, so a late or reordered report loses its compare-and-set instead of
/// moving the instance backwards.
/// </summary>
/// <param name="operation">The operation's definition.</param>
/// <param name="instanceId">The instance reported on.</param>
/// <param name="host">This compute host.</param>
/// <param name="expected">The task states the final report expects instead of every step of the
/// definition (a delete also expects the task state it interrupted).</param>
public sealed class OperationReport(InstanceOperation operation, Guid instanceId, string host, IReadOnlyList<string>? expected = null)
{
    /// <summary>Result of an instance action event that succeeded.</summary>
    public const string Success = "Success";

    /// <summary>Result of an instance action event that failed.</summary>
    public const string Error = "Error";

    /// <summary>The operation reported on.</summary>
    public InstanceOperation Operation => operation;

    /// <summary>This compute host.</summary>
    public string Host => host;

    /// <summary>The task states the final report (success or failure) expects.</summary>
    public IReadOnlyList<string> Expected { get; } = expected ?? operation.TaskStates;

    /// <summary>Moves the task state to <paramref name="taskState"/>, a later step of the operation
    /// (<see cref="ArgumentOutOfRangeException"/> otherwise), and the vm_state to <paramref name="vmState"/>
    /// when given (a build reports building with spawning).</summary>
    public InstanceUpdate Progress(string taskState, string? vmState = null)
    {
        var update = New(operation.ExpectedBefore(taskState));
        update.TaskState = taskState;
        if (vmState is not null)
        {
            update.VmState = vmState;
        }
        return update;
    }

    /// <summary>The operation finished: task state none, the definition's final vm_state (when it has one),
    /// event Success. The operation's steps add what else they know (power state, launch time).</summary>
    public InstanceUpdate Succeeded()
    {
        var update = New(Expected);
        update.TaskState = "";
        if (operation.FinalVmState is { } vmState)
        {
            update.VmState = vmState;
        }
        Event(update, Success);
        return update;
    }

    /// <summary>The operation failed: task state back to none, vm_state <paramref name="vmState"/> (null =
    /// unchanged), the fault recorded, the power state the driver still reports (when it could be read),
    /// event Error.</summary>
    public InstanceUpdate Failed(InstanceFault fault, string? vmState = null, DriverPowerState? power = null)
    {
        var update = New(Expected);
        update.TaskState = "";
        update.Fault = fault;
        if (vmState is not null)
        {
            update.VmState = vmState;
        }
        if (power is { } p)
        {
            update.PowerState = (int)p;
        }
        Event(update, Error);
        return update;
    }

    private void Event(InstanceUpdate update, string result)
    {
        if (operation.EventName is { } name)
        {
            update.Event = name;
            update.EventResult = result;
        }
    }

    private InstanceUpdate New(IEnumerable<string> expectedTaskStates)
    {
        var update = new InstanceUpdate { InstanceId = instanceId.ToString("D"), Host = host };
        update.ExpectedTaskStates.AddRange(expectedTaskStates);
        return update;
    }
}
