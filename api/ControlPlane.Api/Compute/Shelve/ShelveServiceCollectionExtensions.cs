using ControlPlane.Api.Compute.Actions;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Shelve;

/// <summary>Registration of the shelve, shelveOffload and unshelve server actions.</summary>
public static class ShelveServiceCollectionExtensions
{
    /// <summary>The shelveOffload action key.</summary>
    public const string ShelveOffload = "shelveOffload";

    /// <summary>Adds the three actions; shelveOffload casts <c>shelve_offload_instance</c> to the instance's host.</summary>
    public static IServiceCollection AddShelveActions(this IServiceCollection services) => services
        .AddServerAction<ShelveAction>()
        .AddServerAction<UnshelveAction>()
        .AddCastAction(ShelveOffload, InstanceOperations.ShelveOffload,
            (rpc, c) => rpc.ShelveOffloadInstanceAsync(c.Host, new ShelveOffloadInstance { Instance = c.Spec() }, CancellationToken.None));
}
