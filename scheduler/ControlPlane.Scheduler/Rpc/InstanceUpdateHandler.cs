using ControlPlane.Domain.Errors;
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
        if (message.HasProgress && message.Progress is < 0 or > 100)
        {
            throw new InvalidException($"progress {message.Progress} must be between 0 and 100.");
        }
        return manager.ApplyAsync(id, message, cancellationToken);
    }
}
