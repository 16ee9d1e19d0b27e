using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Conductor;

namespace ControlPlane.Scheduler.Rpc;

/// <summary><c>conductor.schedule_unshelve</c> (cast from the api).</summary>
public sealed class ScheduleUnshelveHandler(UnshelveManager manager) : IRpcHandler<ScheduleUnshelve>
{
    /// <inheritdoc />
    public Task HandleAsync(ScheduleUnshelve message, RpcContext context, CancellationToken cancellationToken)
    {
        var id = MessageIds.Instance(message.InstanceId);
        var host = message.Host.Length == 0 ? null : MessageIds.Host(message.Host);
        return manager.UnshelveAsync(id, host, cancellationToken);
    }
}
