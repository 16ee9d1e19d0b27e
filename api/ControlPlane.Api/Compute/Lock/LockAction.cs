using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Microversions;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Lock;

/// <summary>
/// <c>lock</c> (value null; from 2.73 <c>{"locked_reason": "..."}</c> optional): <see cref="InstanceOperations.Lock"/>,
/// no task state and no cast (Nova's <c>compute/api.py lock</c>): the runner checks the policy and writes the
/// <c>lock</c> action, then the lock is set, recording who set it: <c>owner</c> when the caller belongs to the
/// server's project, <c>admin</c> otherwise. Locking a locked server replaces its lock.
/// </summary>
public sealed class LockAction(InstanceLockStore locks, TimeProvider timeProvider, ILogger<LockAction> logger) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "lock";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value) => Parse(value, ApiVersion.Min);

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value, ApiVersion version)
    {
        var reason = LockRequestParser.Parse(value, version);
        return new CastCall(InstanceOperations.Lock, async c =>
        {
            var lockedBy = LockOwnership.IsOwner(c) ? InstanceLockStore.ByOwner : InstanceLockStore.ByAdmin;
            await locks.LockAsync(c.Instance.Id, lockedBy, reason, timeProvider.GetUtcNow(), CancellationToken.None);
            LockApiLog.Locked(logger, c.Instance.Id, lockedBy, reason is not null);
        });
    }
}
