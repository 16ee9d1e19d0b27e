using ControlPlane.Compute.Operations;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Shelve;

/// <summary>
/// shelve_offload_instance (Nova's <c>shelve_offload_instance</c>): destroy the shelved instance's VM and disks and end
/// shelved_offloaded without a host (the conductor releases the claim). Cast by the api (task shelving_offloading) or
/// run by <see cref="ShelvedOffloadService"/> for an instance shelved without a task for longer than
/// <c>shelved_offload_time</c> (its final report then also accepts "no task"). Idempotent.
/// </summary>
public sealed class ShelveOffloadInstanceOperation(ShelveSteps offload) : OperationSteps<ShelveOffloadInstance>
{
    /// <inheritdoc />
    public override InstanceOperation Definition(ShelveOffloadInstance message) => InstanceOperations.ShelveOffload;

    /// <inheritdoc />
    public override InstanceSpec? Spec(ShelveOffloadInstance message) => message.Instance;

    /// <summary>The api's offload expects shelving_offloading; the periodic task's (sent without a task) also "none".</summary>
    public override IReadOnlyList<string>? ExpectedTaskStates(ShelveOffloadInstance message) =>
        string.IsNullOrEmpty(message.Instance?.TaskState) ? [TaskState.ShelvingOffloading, ""] : null;

    /// <inheritdoc />
    public override Task<OperationStart> PrepareAsync(OperationRun<ShelveOffloadInstance> run, CancellationToken cancellationToken)
    {
        var taskState = run.Spec.TaskState ?? "";
        if (run.Spec.VmState != VmState.Shelved || (taskState != TaskState.ShelvingOffloading && taskState.Length != 0))
        {
            run.Logger.Skipped(run.Definition.Name, run.Instance.InstanceName, $"{run.Spec.VmState}/{(taskState.Length == 0 ? "none" : taskState)}");
            return Task.FromResult(OperationStart.Skip);
        }
        return Task.FromResult(OperationStart.Run);
    }

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<ShelveOffloadInstance> run, CancellationToken cancellationToken) =>
        offload.OffloadAsync(run.Instance, run.Logger, cancellationToken);

    /// <inheritdoc />
    public override void CompleteReport(OperationRun<ShelveOffloadInstance> run, InstanceUpdate report) =>
        ShelveSteps.CompleteOffloaded(report);
}
