using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Compute.Snapshots;

/// <summary>Registration of the snapshot flow of the compute service.</summary>
public static class SnapshotServiceCollectionExtensions
{
    /// <summary>Adds <see cref="SnapshotManager"/> and the image service client it uploads through (the
    /// <see cref="SnapshotInstanceHandler"/> is registered on the host's consumer).</summary>
    public static IServiceCollection AddSnapshots(this IServiceCollection services)
    {
        services.AddSingleton<ISnapshotImages, HttpSnapshotImages>();
        services.AddSingleton<SnapshotManager>();
        return services;
    }
}
