using ControlPlane.Messaging.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ControlPlane.Conductor.Rpc;

/// <summary>Registration of the conductor RPC API's client side.</summary>
public static class ConductorRpcServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ConductorRpcClient"/> and its version for the <c>conductor</c> topic (needs
    /// <c>AddRpcMessaging</c> for the transport). Idempotent.</summary>
    public static IServiceCollection AddConductorRpcClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ConductorRpcClient>();
        services.AddRpcTopicVersion(ConductorRpcClient.TopicVersion);
        return services;
    }
}
