using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Policy;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Lock;

/// <summary>
/// Lock and unlock of a server (Nova's <c>compute/api.py lock</c>/<c>unlock</c> and <c>lock_server.py</c>): no task
/// state, no compute host involved, any vm_state. A lock records who set it: <c>owner</c> when the caller belongs to
/// the server's project, <c>admin</c> otherwise. Anyone the unlock rule allows lifts an owner's lock; a lock set by an
/// admin needs <see cref="UnlockOverrideRule"/> (admin only), as Nova's <c>is_expected_locked_by</c>. Each writes a
/// <c>lock</c>/<c>unlock</c> instance action with the change.
/// </summary>
public sealed class ServerLockApi(ComputeApi servers, InstanceLockStore locks, IComputePolicy policy, TimeProvider timeProvider, ILogger<ServerLockApi> logger)
{
    /// <summary>Nova's rule for unlocking a server someone of another role or project locked.</summary>
    public const string UnlockOverrideRule = "os_compute_api:os-lock-server:unlock:unlock_override";

    /// <summary>Longest lock reason (Nova's schema, 2.73).</summary>
    public const int MaxReasonLength = 255;

    /// <summary>Locks the server (again: the new lock and reason replace the old ones) and returns it as it is now.</summary>
    public async Task<InstanceRecord> LockAsync(RequestPrincipal principal, string id, string? reason, CancellationToken cancellationToken)
    {
        var instance = await servers.GetAsync(principal, id, cancellationToken);
        policy.Authorize(InstanceOperations.Lock.Policy, principal, instance.ProjectId);
        var lockedBy = IsOwner(principal, instance) ? InstanceLockStore.ByOwner : InstanceLockStore.ByAdmin;
        await locks.LockAsync(instance.Id, lockedBy, reason, Action(InstanceOperations.Lock, principal), cancellationToken);
        LockApiLog.Locked(logger, instance.Id, lockedBy, reason is not null);
        return await servers.GetAsync(principal, id, cancellationToken);
    }

    /// <summary>Unlocks the server (an unlocked one stays unlocked) and returns it as it is now.</summary>
    public async Task<InstanceRecord> UnlockAsync(RequestPrincipal principal, string id, CancellationToken cancellationToken)
    {
        var instance = await servers.GetAsync(principal, id, cancellationToken);
        policy.Authorize(InstanceOperations.Unlock.Policy, principal, instance.ProjectId);
        var expected = IsOwner(principal, instance) ? InstanceLockStore.ByOwner : InstanceLockStore.ByAdmin;
        if (instance.LockedBy is { } lockedBy && lockedBy != expected)
        {
            policy.Authorize(UnlockOverrideRule, principal, instance.ProjectId);
        }

        await locks.UnlockAsync(instance.Id, instance.LockedBy, Action(InstanceOperations.Unlock, principal), cancellationToken);
        LockApiLog.Unlocked(logger, instance.Id, instance.LockedBy ?? "nobody");
        return await servers.GetAsync(principal, id, cancellationToken);
    }

    private static bool IsOwner(RequestPrincipal principal, InstanceRecord instance) =>
        string.Equals(principal.ProjectId, instance.ProjectId, StringComparison.Ordinal);

    private InstanceActionStart Action(InstanceOperation operation, RequestPrincipal principal) =>
        new(operation.ActionName!, RequestContext.Current ?? RequestContext.NewId(), principal.UserId, principal.ProjectId, timeProvider.GetUtcNow());
}
