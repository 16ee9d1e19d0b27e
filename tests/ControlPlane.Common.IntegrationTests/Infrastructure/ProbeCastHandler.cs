using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>Cast handler: records the instance id in the <see cref="Probe"/> and runs its behaviour.</summary>
public sealed class ProbeCastHandler(Probe probe) : IRpcHandler<BuildInstance>
{
    public Task HandleAsync(BuildInstance message, RpcContext context, CancellationToken cancellationToken) =>
        probe.RecordAsync(message.Instance?.InstanceId ?? string.Empty, context, cancellationToken);
}
