using ControlPlane.Api.Compute.Lock;
using ControlPlane.Api.Compute.PauseSuspend;
using ControlPlane.Api.Compute.Power;
using ControlPlane.Api.Compute.Rebuild;
using ControlPlane.Api.Compute.Rescue;
using ControlPlane.Api.Compute.Resize;
using ControlPlane.Api.Compute.Shelve;
using ControlPlane.Api.Compute.Snapshots;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>Registration of the server action pipeline and of every server action.</summary>
public static class ServerActionServiceCollectionExtensions
{
    /// <summary>Adds the runner, its store, the action index and the actions os-stop, os-start, reboot, createImage,
    /// lock, unlock, pause, unpause, suspend, resume, rescue, unrescue, resize, migrate, confirmResize, revertResize,
    /// shelve, shelveOffload, unshelve and rebuild.</summary>
    public static IServiceCollection AddServerActions(this IServiceCollection services)
    {
        services.AddSingleton<IServerActionStore, ServerActionStore>();
        services.AddScoped<ServerActionRunner>();
        services.AddScoped<ServerActions>();
        services.AddScoped<RescueImages>();
        return services
            .AddPowerActions()
            .AddServerAction<CreateImageAction>()
            .AddServerAction<LockAction>()
            .AddServerAction<UnlockAction>()
            .AddPauseSuspendActions()
            .AddServerAction<RescueAction>()
            .AddCastAction(ActionKeys.Unrescue, InstanceOperations.Unrescue,
                (rpc, c) => rpc.UnrescueInstanceAsync(c.Host, new UnrescueInstance { Instance = c.Spec() }, CancellationToken.None))
            .AddResizeActions()
            .AddShelveActions()
            .AddRebuildAction();
    }

    /// <summary>Registers one server action under its <see cref="IServerAction.Key"/> (scoped: it may use scoped services).</summary>
    public static IServiceCollection AddServerAction<TAction>(this IServiceCollection services)
        where TAction : class, IServerAction
    {
        services.AddScoped<IServerAction, TAction>();
        return services;
    }
}
