using ControlPlane.Api.Compute.Actions;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Data.Resize;

namespace ControlPlane.Api.Compute.Resize;

/// <summary>Registration of the resize, migrate, confirmResize and revertResize server actions.</summary>
public static class ResizeServiceCollectionExtensions
{
    /// <summary>Adds the four actions.</summary>
    public static IServiceCollection AddResizeActions(this IServiceCollection services) => services
        .AddServerAction<ResizeAction>()
        .AddServerAction<MigrateAction>()
        .AddResolveResizeAction(revert: false)
        .AddResolveResizeAction(revert: true);

    private static IServiceCollection AddResolveResizeAction(this IServiceCollection services, bool revert) =>
        services.AddScoped<IServerAction>(sp =>
            new ResolveResizeAction(revert, sp.GetRequiredService<MigrationStore>(), sp.GetRequiredService<ConductorRpcClient>()));
}
