using System.Text.Json;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>
/// An action whose value is null or <c>{}</c> and whose whole work is its operation definition plus one cast to the
/// instance's host (<c>os-stop</c>, <c>os-start</c>, <c>pause</c>, <c>unpause</c>, <c>suspend</c>, <c>resume</c>, ...); the
/// runner does the rest (policy, lock, host, vm_state / task_state, the host's driver feature, compare-and-set with the
/// action row). Registered with <see cref="CastActionRegistration.AddCastAction"/>; keys in <see cref="ActionKeys"/>.
/// </summary>
/// <param name="key">The action key.</param>
/// <param name="operation">The operation definition.</param>
/// <param name="cast">Sends the operation to the instance's host.</param>
public sealed class CastAction(string key, InstanceOperation operation, Func<ServerActionContext, Task> cast) : IServerAction
{
    /// <inheritdoc />
    public string Key { get; } = key;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        ActionArguments.EnsureNone(Key, value);
        return new CastCall(operation, cast);
    }
}
