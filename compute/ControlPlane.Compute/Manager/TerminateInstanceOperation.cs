using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Manager;

/// <summary>
/// terminate_instance: destroy the VM and its own disks, report deleted. Idempotent: an instance the
/// driver does not know is reported deleted. A destroy failure reports the instance in error with a fault
/// (Nova errors out a failed delete; deleting again retries).
/// </summary>
public sealed class TerminateInstanceOperation(IVirtDriver driver) : OperationSteps<TerminateInstance>
{
    /// <inheritdoc />
    public override InstanceOperation Definition(TerminateInstance message) => InstanceOperations.Delete;

    /// <inheritdoc />
    public override InstanceSpec? Spec(TerminateInstance message) => message.Instance;

    /// <inheritdoc />
    public override string? FailureVmState => VmState.Error;

    /// <summary>The task state the api set (deleting), plus whatever the message carried, so a delete of an
    /// instance mid-build also lands.</summary>
    public override IReadOnlyList<string> ExpectedTaskStates(TerminateInstance message)
    {
        var observed = message.Instance?.TaskState;
        return string.IsNullOrEmpty(observed) || observed == TaskState.Deleting
            ? [TaskState.Deleting]
            : [TaskState.Deleting, observed];
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(OperationRun<TerminateInstance> run, CancellationToken cancellationToken)
    {
        var wasKnown = (await driver.ListInstancesAsync(cancellationToken).ConfigureAwait(false)).Contains(run.Instance.InstanceId);
        await driver.DestroyAsync(run.Instance, cancellationToken).ConfigureAwait(false);
        run.Logger.TerminateDestroyed(run.Instance.InstanceName, wasKnown);
    }

    /// <inheritdoc />
    public override void CompleteReport(OperationRun<TerminateInstance> run, InstanceUpdate report)
    {
        report.Deleted = true;
        report.PowerState = (int)PowerState.NoState;
    }
}
