using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Domain.Operations;
using ControlPlane.Messaging.Clients;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Power;

/// <summary><c>os-stop</c> (value null): <see cref="InstanceOperations.Stop"/>, cast <c>stop_instance</c>.</summary>
public sealed class StopAction(ComputeRpcClient compute) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "os-stop";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        ActionArguments.EnsureNone(Name, value);
        return new CastCall(InstanceOperations.Stop,
            c => compute.StopInstanceAsync(c.Host, new StopInstance { Instance = c.Spec() }, CancellationToken.None));
    }
}
