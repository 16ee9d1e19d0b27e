using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Power;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.PauseSuspend;

/// <summary>
/// <c>pause</c>, <c>unpause</c>, <c>suspend</c> and <c>resume</c> (value null or <c>{}</c>): the operation definition
/// (<see cref="InstanceOperations.Pause"/>, ...) and its cast to the instance's host; the runner does the rest (policy,
/// lock, host, vm_state / task_state, the host's driver feature, compare-and-set with the action row). One instance per
/// key, made by <see cref="PauseSuspendServiceCollectionExtensions.AddPauseSuspendActions"/>.
/// </summary>
/// <param name="key">The action key.</param>
/// <param name="operation">The operation definition.</param>
/// <param name="cast">Sends the operation to the instance's host.</param>
public sealed class PauseSuspendAction(string key, InstanceOperation operation, Func<ServerActionContext, Task> cast) : IServerAction
{
    /// <summary>The pause action key.</summary>
    public const string Pause = "pause";

    /// <summary>The unpause action key.</summary>
    public const string Unpause = "unpause";

    /// <summary>The suspend action key.</summary>
    public const string Suspend = "suspend";

    /// <summary>The resume action key.</summary>
    public const string Resume = "resume";

    /// <inheritdoc />
    public string Key { get; } = key;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        ActionArguments.EnsureNone(Key, value);
        return new CastCall(operation, cast);
    }
}
