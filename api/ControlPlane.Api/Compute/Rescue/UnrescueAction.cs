using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Domain.Operations;
using ControlPlane.Messaging.Clients;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Rescue;

/// <summary><c>unrescue</c> (value null): <see cref="InstanceOperations.Unrescue"/>, cast <c>unrescue_instance</c>, 202.</summary>
public sealed class UnrescueAction(ComputeRpcClient compute) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "unrescue";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        ActionArguments.EnsureNone(Name, value);
        return Call();
    }

    /// <summary>The call (also the gRPC API's entry).</summary>
    public ServerActionCall Call() => new CastCall(InstanceOperations.Unrescue,
        c => compute.UnrescueInstanceAsync(c.Host, new UnrescueInstance { Instance = c.Spec() }, CancellationToken.None));
}
