using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Conductor;

namespace ControlPlane.Scheduler.Rpc;

/// <summary><c>conductor.build_instance</c> (cast from the api).</summary>
public sealed class BuildInstanceHandler(ConductorManager manager) : IRpcHandler<BuildInstance>
{
    public Task HandleAsync(BuildInstance message, RpcContext context, CancellationToken cancellationToken) =>
        manager.BuildAsync(MessageIds.Instance(message.Instance?.InstanceId ?? ""), cancellationToken);
}
