using ControlPlane.Api.Compute.Tags;
using ControlPlane.Data.Instances;

namespace ControlPlane.Api.Compute.Metadata;

/// <summary>Registration of server metadata and tags.</summary>
public static class ServerMetadataServiceCollectionExtensions
{
    /// <summary>Adds <see cref="InstanceMetadataStore"/>, <see cref="ServerMetadataApi"/>, <see cref="ServerTagsApi"/> and the image metadata proxy.</summary>
    public static IServiceCollection AddServerMetadataAndTags(this IServiceCollection services)
    {
        services.AddSingleton<InstanceMetadataStore>();
        services.AddScoped<ServerMetadataApi>();
        services.AddScoped<ServerTagsApi>();
        services.AddScoped<ImagesProxy.ImageMetadataApi>();
        return services;
    }
}
