using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Conductor;

namespace ControlPlane.Scheduler.Rpc;

/// <summary><c>conductor.get_host_instances</c> (call from a compute host at start).</summary>
public sealed class GetHostInstancesHandler(HostReportManager manager) : IRpcCallHandler<GetHostInstances, HostInstances>
{
    public Task<HostInstances> HandleAsync(GetHostInstances request, RpcContext context, CancellationToken cancellationToken) =>
        manager.GetHostInstancesAsync(MessageIds.Host(request.Host), cancellationToken);
}
