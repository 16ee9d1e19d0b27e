using ControlPlane.Messaging.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ControlPlane.Compute.Rpc;

/// <summary>Registration of the compute RPC API's client side.</summary>
public static class ComputeRpcServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ComputeRpcClient"/> and its version for every <c>compute.&lt;host&gt;</c> topic
    /// (needs <c>AddRpcMessaging</c> for the transport). Idempotent.</summary>
    public static IServiceCollection AddComputeRpcClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ComputeRpcClient>();
        services.AddRpcTopicVersion(ComputeRpcClient.TopicVersion);
        return services;
    }
}
