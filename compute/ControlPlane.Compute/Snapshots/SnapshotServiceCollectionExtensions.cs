using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Compute.Snapshots;

/// <summary>Registration of the snapshot flow of the compute service.</summary>
public static class SnapshotServiceCollectionExtensions
{
    /// <summary>Adds the image service client a snapshot uploads through (<see cref="SnapshotInstanceOperation"/>
    /// is registered on the host's consumer).</summary>
    public static IServiceCollection AddSnapshots(this IServiceCollection services)
    {
        services.AddSingleton<ISnapshotImages, HttpSnapshotImages>();
        return services;
    }
}
