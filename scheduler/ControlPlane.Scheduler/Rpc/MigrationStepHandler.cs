using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Resize;

namespace ControlPlane.Scheduler.Rpc;

/// <summary><c>conductor.migration_step</c> (cast from a compute host).</summary>
public sealed class MigrationStepHandler(ResizeFlow flow) : IRpcHandler<MigrationStep>
{
    /// <inheritdoc />
    public Task HandleAsync(MigrationStep message, RpcContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        MessageIds.Host(message.Host);
        return flow.StepAsync(MessageIds.Instance(message.MigrationId, "migration_id"), message, cancellationToken);
    }
}
