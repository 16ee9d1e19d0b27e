using ControlPlane.Api.Compute.Actions;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Power;

/// <summary>Registration of the power actions: <c>os-stop</c>, <c>os-start</c> (casts <c>stop_instance</c>,
/// <c>start_instance</c>) and <c>reboot</c>.</summary>
public static class PowerServiceCollectionExtensions
{
    /// <summary>Adds the three actions.</summary>
    public static IServiceCollection AddPowerActions(this IServiceCollection services) => services
        .AddCastAction(ActionKeys.Stop, InstanceOperations.Stop, (rpc, c) => rpc.StopInstanceAsync(c.Host, new StopInstance { Instance = c.Spec() }, CancellationToken.None))
        .AddCastAction(ActionKeys.Start, InstanceOperations.Start, (rpc, c) => rpc.StartInstanceAsync(c.Host, new StartInstance { Instance = c.Spec() }, CancellationToken.None))
        .AddServerAction<RebootAction>();
}
