using ControlPlane.Api.Compute.Actions;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.PauseSuspend;

/// <summary>Registration of the pause, unpause, suspend and resume server actions.</summary>
public static class PauseSuspendServiceCollectionExtensions
{
    /// <summary>Adds the four actions, each casting its message to the instance's host.</summary>
    public static IServiceCollection AddPauseSuspendActions(this IServiceCollection services) => services
        .AddCastAction(ActionKeys.Pause, InstanceOperations.Pause, (rpc, c) => rpc.PauseInstanceAsync(c.Host, new PauseInstance { Instance = c.Spec() }, CancellationToken.None))
        .AddCastAction(ActionKeys.Unpause, InstanceOperations.Unpause, (rpc, c) => rpc.UnpauseInstanceAsync(c.Host, new UnpauseInstance { Instance = c.Spec() }, CancellationToken.None))
        .AddCastAction(ActionKeys.Suspend, InstanceOperations.Suspend, (rpc, c) => rpc.SuspendInstanceAsync(c.Host, new SuspendInstance { Instance = c.Spec() }, CancellationToken.None))
        .AddCastAction(ActionKeys.Resume, InstanceOperations.Resume, (rpc, c) => rpc.ResumeInstanceAsync(c.Host, new ResumeInstance { Instance = c.Spec() }, CancellationToken.None));
}
