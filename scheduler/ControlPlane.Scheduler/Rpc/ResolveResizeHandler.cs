using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Resize;

namespace ControlPlane.Scheduler.Rpc;

/// <summary><c>conductor.resolve_resize</c> (cast from the api: confirm or revert).</summary>
public sealed class ResolveResizeHandler(ResizeFlow flow) : IRpcHandler<ResolveResize>
{
    /// <inheritdoc />
    public Task HandleAsync(ResolveResize message, RpcContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return flow.ResolveAsync(MessageIds.Instance(message.MigrationId, "migration_id"), message.Revert, cancellationToken);
    }
}
