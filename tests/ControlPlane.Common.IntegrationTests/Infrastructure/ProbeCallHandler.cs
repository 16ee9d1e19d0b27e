using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>Call handler: answers with one instance on the requested host; host "missing" raises NotFoundException.</summary>
public sealed class ProbeCallHandler(Probe probe) : IRpcCallHandler<GetHostInstances, HostInstances>
{
    public async Task<HostInstances> HandleAsync(GetHostInstances request, RpcContext context, CancellationToken cancellationToken)
    {
        await probe.RecordAsync(request.Host, context, cancellationToken);
        if (request.Host == "missing")
        {
            throw new NotFoundException($"Compute host {request.Host} could not be found.");
        }
        return new HostInstances { Instances = { new InstanceSpec { Host = request.Host, InstanceId = context.RequestId } } };
    }
}
