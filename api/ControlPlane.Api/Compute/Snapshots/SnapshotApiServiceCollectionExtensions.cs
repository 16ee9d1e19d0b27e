using ControlPlane.Api.Compute.ImagesProxy;
using ControlPlane.Api.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>Registration of createImage and the image proxy.</summary>
public static class SnapshotApiServiceCollectionExtensions
{
    /// <summary>Adds <see cref="GlanceImagesClient"/> (base address <c>Api:ImageServiceUrl</c>) and <see cref="SnapshotApi"/>.</summary>
    public static IServiceCollection AddSnapshotApi(this IServiceCollection services)
    {
        services.AddHttpClient<GlanceImagesClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<ApiOptions>>().Value;
            http.BaseAddress = new Uri(o.ImageServiceUrl.TrimEnd('/') + "/");
            http.Timeout = o.ImageServiceTimeout;
        });
        services.AddScoped<SnapshotApi>();
        return services;
    }
}
