using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Domain.Operations;
using ControlPlane.Messaging.Clients;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Power;

/// <summary><c>os-start</c> (value null): <see cref="InstanceOperations.Start"/>, cast <c>start_instance</c>.</summary>
public sealed class StartAction(ComputeRpcClient compute) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "os-start";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        ActionArguments.EnsureNone(Name, value);
        return new CastCall(InstanceOperations.Start,
            c => compute.StartInstanceAsync(c.Host, new StartInstance { Instance = c.Spec() }, CancellationToken.None));
    }
}
