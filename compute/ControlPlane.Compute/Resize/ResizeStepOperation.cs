using System.Text.Json.Nodes;
using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Errors;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;

namespace ControlPlane.Compute.Resize;

/// <summary>
/// The common part of the six host-side resize steps: the instance and its <see cref="MigrationContext"/> come from the
/// cast; success and failure are reported to the conductor as a <see cref="MigrationStep"/> (the conductor moves the
/// migration and the instance together), never as a plain instance update. The runner still takes the instance lock,
/// checks the driver's Resize feature, and sends the step's notifications.
/// </summary>
/// <typeparam name="TMessage">The step's cast.</typeparam>
public abstract class ResizeStepOperation<TMessage> : OperationSteps<TMessage> where TMessage : IMessage
{
    /// <summary>The <c>MigrationStep.step</c> reported on success.</summary>
    protected abstract string SuccessStep { get; }

    /// <summary>True when a failure of this step leaves the instance intact on its source (Nova's InstanceFaultRollback).</summary>
    protected virtual bool FailureRollsBack => false;

    /// <summary>The migration of <paramref name="message"/>.</summary>
    public abstract MigrationContext? Context(TMessage message);

    /// <inheritdoc />
    public override bool RequiresFlavor => true;

    /// <inheritdoc />
    public override void Validate(TMessage message)
    {
        var context = Context(message);
        if (context is null || !Guid.TryParse(context.MigrationId, out _) || context.NewFlavor is null || context.OldFlavor is null)
        {
            throw new InvalidException($"{typeof(TMessage).Name} carries no valid migration context.");
        }
    }

    /// <summary>The migration id of the run.</summary>
    protected Guid MigrationId(OperationRun<TMessage> run) => Guid.Parse(Context(run.Message)!.MigrationId);

    /// <summary>The instance with the migration's new flavor (what the destination builds).</summary>
    protected VirtInstance NewInstance(OperationRun<TMessage> run)
    {
        var spec = run.Spec.Clone();
        spec.Flavor = Context(run.Message)!.NewFlavor;
        return InstanceMapper.ToVirt(spec, requireFlavor: true);
    }

    /// <summary>Adds what the step knows to its success report (power state, the transfer endpoint).</summary>
    protected virtual Task CompleteStepAsync(OperationRun<TMessage> run, MigrationStep step, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public override async Task ReportSuccessAsync(OperationRun<TMessage> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = NewStep(run, SuccessStep);
        await CompleteStepAsync(run, step, cancellationToken).ConfigureAwait(false);
        await run.ReportMigrationStepAsync(step, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task ReportFailureAsync(OperationRun<TMessage> run, Exception error, InstanceFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var step = NewStep(run, "failed");
        step.Fault = fault;
        step.Rollback = FailureRollsBack;
        return run.ReportMigrationStepAsync(step, cancellationToken);
    }

    /// <inheritdoc />
    public override void AddNotificationFields(OperationRun<TMessage> run, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(payload);
        var context = Context(run.Message)!;
        payload["migration_uuid"] = context.MigrationId;
        payload["new_flavor_id"] = context.NewFlavor.Id;
        payload["old_flavor_id"] = context.OldFlavor.Id;
    }

    private MigrationStep NewStep(OperationRun<TMessage> run, string name) => new()
    {
        MigrationId = Context(run.Message)!.MigrationId,
        InstanceId = run.Instance.InstanceId.ToString("D"),
        Host = run.Host,
        Step = name,
    };
}
