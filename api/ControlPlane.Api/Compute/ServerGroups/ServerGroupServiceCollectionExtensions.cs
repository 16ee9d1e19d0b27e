using ControlPlane.Data.ServerGroups;

namespace ControlPlane.Api.Compute.ServerGroups;

/// <summary>Registration of os-server-groups.</summary>
public static class ServerGroupServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ServerGroupStore"/> and <see cref="ServerGroupApi"/>.</summary>
    public static IServiceCollection AddServerGroups(this IServiceCollection services)
    {
        services.AddSingleton<ServerGroupStore>();
        services.AddScoped<ServerGroupApi>();
        return services;
    }
}
