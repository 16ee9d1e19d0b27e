using ControlPlane.Api.Compute.Actions;
using ControlPlane.Data.Instances;

namespace ControlPlane.Api.Compute.Rebuild;

/// <summary>Registration of the <c>rebuild</c> action.</summary>
public static class RebuildServiceCollectionExtensions
{
    /// <summary>Adds the rebuild store and the <c>rebuild</c> server action.</summary>
    public static IServiceCollection AddRebuildAction(this IServiceCollection services)
    {
        services.AddSingleton<InstanceRebuildStore>();
        return services.AddServerAction<RebuildAction>();
    }
}
