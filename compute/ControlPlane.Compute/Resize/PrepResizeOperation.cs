using ControlPlane.Compute.Operations;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Resize;

/// <summary>prep_resize on the destination (Nova's <c>prep_resize</c>): accept the migration's disks (its token) and
/// tell the conductor where to send them. A failure leaves the instance on its source (rollback).</summary>
public sealed class PrepResizeOperation(IncomingMigrations incoming, IOptions<ResizeOptions> options, TimeProvider clock)
    : ResizeStepOperation<PrepResize>
{
    /// <inheritdoc />
    protected override string SuccessStep => "prepped";

    /// <inheritdoc />
    protected override bool FailureRollsBack => true;

    /// <inheritdoc />
    public override InstanceOperation Definition(PrepResize message) => ResizeOperations.Prep;

    /// <inheritdoc />
    public override InstanceSpec? Spec(PrepResize message) => message?.Instance;

    /// <inheritdoc />
    public override MigrationContext? Context(PrepResize message) => message?.Migration;

    /// <inheritdoc />
    public override IReadOnlyList<string>? ExpectedTaskStates(PrepResize message) => [Domain.States.TaskState.ResizePrep];

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<PrepResize> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        incoming.Register(MigrationId(run), run.Message.Migration.TransferToken, NewInstance(run), clock.GetUtcNow() + options.Value.IncomingTimeout);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task CompleteStepAsync(OperationRun<PrepResize> run, MigrationStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        step.TransferEndpoint = options.Value.Endpoint;
        return Task.CompletedTask;
    }
}
