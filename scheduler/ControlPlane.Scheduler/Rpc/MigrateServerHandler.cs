using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Resize;

namespace ControlPlane.Scheduler.Rpc;

/// <summary><c>conductor.migrate_server</c> (cast from the api).</summary>
public sealed class MigrateServerHandler(ResizeScheduler resize) : IRpcHandler<MigrateServer>
{
    /// <inheritdoc />
    public Task HandleAsync(MigrateServer message, RpcContext context, CancellationToken cancellationToken) =>
        resize.MigrateAsync(MessageIds.Instance(message.Instance?.InstanceId ?? ""), MessageIds.Instance(message.MigrationId, "migration_id"),
            message, cancellationToken);
}
