using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Conductor;

namespace ControlPlane.Scheduler.Rpc;

/// <summary><c>conductor.build_failed</c> (cast from a compute host).</summary>
public sealed class BuildFailedHandler(ConductorManager manager) : IRpcHandler<BuildFailed>
{
    public Task HandleAsync(BuildFailed message, RpcContext context, CancellationToken cancellationToken) =>
        manager.BuildFailedAsync(MessageIds.Instance(message.InstanceId), MessageIds.Host(message.Host), message.Fault, message.Retryable, cancellationToken);
}
