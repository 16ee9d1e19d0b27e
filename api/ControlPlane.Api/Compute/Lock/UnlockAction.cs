using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Policy;
using ControlPlane.Data.Instances;

namespace ControlPlane.Api.Compute.Lock;

/// <summary><c>unlock</c> (value null): <see cref="Domain.Operations.InstanceOperations.Unlock"/> through an <see cref="UnlockCall"/>.</summary>
public sealed class UnlockAction(InstanceLockStore locks, IComputePolicy policy, TimeProvider timeProvider, ILogger<UnlockAction> logger) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "unlock";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        ActionArguments.EnsureNone(Name, value);
        return new UnlockCall(locks, policy, timeProvider, logger);
    }
}
