using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>Test conductor: answers a compute host's start-up question.</summary>
public sealed class HostInstancesReplier(ConductorRecorder recorder) : IRpcCallHandler<GetHostInstances, HostInstances>
{
    public Task<HostInstances> HandleAsync(GetHostInstances request, RpcContext context, CancellationToken cancellationToken) =>
        Task.FromResult(recorder.AnswerHostInstances(request.Host));
}
