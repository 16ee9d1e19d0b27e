using ControlPlane.Compute.Rpc;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.DependencyInjection;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Rpc;

namespace ControlPlane.Scheduler.Hosting;

/// <summary>The RPC client and the consumer of the <c>conductor</c> queue (shared by every scheduler replica).</summary>
internal static class ConductorConsumerExtensions
{
    /// <summary>Registers messaging (client + connection from <c>ConnectionStrings:rabbitmq</c>) and the conductor handlers.</summary>
    public static WebApplicationBuilder AddConductorConsumer(this WebApplicationBuilder builder)
    {
        builder.Services.AddRpcMessaging(builder.Configuration).AddComputeRpcClient().AddConductorRpcClient();
        builder.Services.AddRpcConsumer(_ => Topics.Conductor)
            .Implements(ConductorRpcClient.Version)
            .Handle<BuildInstance, BuildInstanceHandler>()
            .Handle<BuildFailed, BuildFailedHandler>()
            .Handle<InstanceUpdate, InstanceUpdateHandler>()
            .Handle<ServiceReport, ServiceReportHandler>()
            .Reply<GetHostInstances, HostInstances, GetHostInstancesHandler>();
        return builder;
    }
}
