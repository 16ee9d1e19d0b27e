using ControlPlane.Api.Compute.Tags;
using ControlPlane.Data.Instances;

namespace ControlPlane.Api.Compute.Metadata;

/// <summary>Registration of server metadata and tags.</summary>
public static class ServerMetadataServiceCollectionExtensions
{
    /// <summary>Adds <see cref="InstanceMetadataStore"/>, <see cref="ServerMetadataApi"/> and <see cref="ServerTagsApi"/>.</summary>
    public static IServiceCollection AddServerMetadataAndTags(this IServiceCollection services)
    {
        services.AddSingleton<InstanceMetadataStore>();
        services.AddScoped<ServerMetadataApi>();
        services.AddScoped<ServerTagsApi>();
        return services;
    }
}
