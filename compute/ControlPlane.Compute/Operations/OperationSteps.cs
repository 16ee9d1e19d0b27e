using System.Text.Json.Nodes;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;

namespace ControlPlane.Compute.Operations;

/// <summary>
/// What one instance operation does on the compute host; <see cref="OperationRunner"/> does the rest
/// (lock, log scope, spec mapping, driver-feature check, notifications, fault, task-state revert). Only
/// <see cref="Definition"/>, <see cref="Spec"/> and <see cref="ExecuteAsync"/> are required; the virtual
/// members default to the common behaviour. Implementations are singletons and keep no per-run state.
/// </summary>
/// <typeparam name="TMessage">The cast that starts the operation.</typeparam>
public abstract class OperationSteps<TMessage> where TMessage : IMessage
{
    /// <summary>The definition <paramref name="message"/> runs (e.g. a soft or a hard reboot).</summary>
    public abstract InstanceOperation Definition(TMessage message);

    /// <summary>The instance <paramref name="message"/> is about (null = malformed, refused).</summary>
    public abstract InstanceSpec? Spec(TMessage message);

    /// <summary>True when the instance must carry a valid flavor and image (a build).</summary>
    public virtual bool RequiresFlavor => false;

    /// <summary>The vm_state a failure leaves (null = unchanged, Nova's <c>reverts_task_state</c>).</summary>
    public virtual string? FailureVmState => null;

    /// <summary>The task states the final report expects instead of every step of the definition.</summary>
    public virtual IReadOnlyList<string>? ExpectedTaskStates(TMessage message) => null;

    /// <summary>Checks the rest of <paramref name="message"/> before the lock is taken; throws
    /// <see cref="InvalidException"/> naming the field (the message is dead-lettered).</summary>
    public virtual void Validate(TMessage message)
    {
    }

    /// <summary>Handles an instance whose spec cannot be mapped; false (the default) rethrows the error so
    /// the message is dead-lettered.</summary>
    public virtual Task<bool> RejectSpecAsync(TMessage message, Guid instanceId, string host, InvalidException error, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    /// <summary>Decides, under the lock, whether the operation runs (redelivery and staleness checks). An
    /// exception here fails the operation like one from <see cref="ExecuteAsync"/>.</summary>
    public virtual Task<OperationStart> PrepareAsync(OperationRun<TMessage> run, CancellationToken cancellationToken) =>
        Task.FromResult(OperationStart.Run);

    /// <summary>The operation's steps (driver calls, progress reports through <see cref="OperationRun{TMessage}.ReportProgressAsync"/>).</summary>
    public abstract Task ExecuteAsync(OperationRun<TMessage> run, CancellationToken cancellationToken);

    /// <summary>Adds what the steps know to the success report (power state, launch time).</summary>
    public virtual void CompleteReport(OperationRun<TMessage> run, InstanceUpdate report)
    {
    }

    /// <summary>Reports success: by default the definition's final report (task none, final vm_state, Success event)
    /// completed by <see cref="CompleteReport"/>. A step of a multi-host flow (resize) reports to its flow instead.</summary>
    public virtual Task ReportSuccessAsync(OperationRun<TMessage> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var report = run.Reports.Succeeded();
        CompleteReport(run, report);
        return run.ReportAsync(report, cancellationToken);
    }

    /// <summary>Removes what a failed run left (an image, a half-built VM); must not throw for expected failures.</summary>
    public virtual Task CleanUpAsync(OperationRun<TMessage> run, Exception error, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Reports the failure: by default the task state reverts, vm_state becomes
    /// <see cref="FailureVmState"/>, the fault is recorded and the Error event emitted.</summary>
    public virtual Task ReportFailureAsync(OperationRun<TMessage> run, Exception error, InstanceFault fault, CancellationToken cancellationToken) =>
        run.ReportAsync(run.Reports.Failed(fault, FailureVmState), cancellationToken);

    /// <summary>Adds the operation's own fields to its notifications' payload.</summary>
    public virtual void AddNotificationFields(OperationRun<TMessage> run, JsonObject payload)
    {
    }
}
