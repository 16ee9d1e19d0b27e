using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Conductor;

namespace ControlPlane.Scheduler.Rpc;

/// <summary><c>conductor.instance_update</c> (cast from a compute host).</summary>
public sealed class InstanceUpdateHandler(InstanceUpdateManager manager) : IRpcHandler<InstanceUpdate>
{
    public Task HandleAsync(InstanceUpdate message, RpcContext context, CancellationToken cancellationToken)
    {
        var id = MessageIds.Instance(message.InstanceId);
        MessageIds.Host(message.Host);
        return manager.ApplyAsync(id, message, cancellationToken);
    }
}
