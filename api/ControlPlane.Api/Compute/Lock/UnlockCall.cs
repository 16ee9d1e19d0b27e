using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Policy;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Lock;

/// <summary>
/// One <c>unlock</c>: before anything is written, a lock set by someone in the other role (see
/// <see cref="LockOwnership"/>) needs <see cref="UnlockOverrideRule"/> (admin only by default: an owner cannot lift
/// an admin's lock, 403); then the runner writes the <c>unlock</c> action and the lock is cleared if it is still the
/// one read (409 otherwise).
/// </summary>
public sealed class UnlockCall(InstanceLockStore locks, IComputePolicy policy, TimeProvider timeProvider, ILogger logger) : ServerActionCall
{
    /// <summary>Nova's rule for lifting a lock set by someone in the other role.</summary>
    public const string UnlockOverrideRule = "os_compute_api:os-lock-server:unlock:unlock_override";

    /// <inheritdoc />
    public override InstanceOperation Operation => InstanceOperations.Unlock;

    /// <inheritdoc />
    public override Task PrepareAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        if (LockOwnership.LockedByOther(context))
        {
            policy.Authorize(UnlockOverrideRule, context.Principal, context.Instance.ProjectId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        var lockedBy = context.Instance.LockedBy;
        await locks.UnlockAsync(context.Instance.Id, lockedBy, timeProvider.GetUtcNow(), cancellationToken);
        LockApiLog.Unlocked(logger, context.Instance.Id, lockedBy ?? "nobody");
    }
}
