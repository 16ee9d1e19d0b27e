using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>Registration of <see cref="CastAction"/>s.</summary>
public static class CastActionRegistration
{
    /// <summary>Registers the action <paramref name="key"/>: <paramref name="operation"/>, then <paramref name="cast"/>
    /// with the compute RPC client (scoped, like every server action).</summary>
    public static IServiceCollection AddCastAction(this IServiceCollection services, string key, InstanceOperation operation,
        Func<ComputeRpcClient, ServerActionContext, Task> cast) =>
        services.AddScoped<IServerAction>(sp =>
        {
            var rpc = sp.GetRequiredService<ComputeRpcClient>();
            return new CastAction(key, operation, c => cast(rpc, c));
        });
}
