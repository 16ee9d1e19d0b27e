using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Lock;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Policy;
using ControlPlane.Api.UnitTests.Compute.Actions;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Api.UnitTests.Compute.Lifecycle;

/// <summary>Nova's is_expected_locked_by: an owner's lock is lifted by the owner or an admin, an admin's lock only by an admin.</summary>
public sealed class UnlockOwnershipTests
{
    private static readonly RequestPrincipal Member = new("u1", "p1", ["member", "reader"], "token");
    private static readonly RequestPrincipal OtherAdmin = new("admin", "admin", ["admin", "member", "reader"], "token");

    [Theory]
    [InlineData(null)]
    [InlineData(InstanceLockStore.ByOwner)]
    public async Task The_owner_lifts_its_own_lock_or_none(string? lockedBy) =>
        await Prepare(Member, lockedBy);

    [Fact]
    public async Task The_owner_cannot_lift_an_admins_lock()
    {
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Prepare(Member, InstanceLockStore.ByAdmin));
        Assert.Equal("Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed.", e.Message);
    }

    [Theory]
    [InlineData(InstanceLockStore.ByOwner)]
    [InlineData(InstanceLockStore.ByAdmin)]
    public async Task An_admin_lifts_any_lock(string lockedBy) => await Prepare(OtherAdmin, lockedBy);

    [Fact]
    public void An_admin_of_another_project_locks_as_admin_and_the_owner_as_owner()
    {
        var instance = ServerActionRunnerTests.Instance(locked: true) with { LockedBy = InstanceLockStore.ByOwner };
        Assert.True(LockOwnership.IsOwner(new ServerActionContext(Member, instance, InstanceOperations.Lock, "req-1")));
        Assert.False(LockOwnership.IsOwner(new ServerActionContext(OtherAdmin, instance, InstanceOperations.Lock, "req-1")));
        Assert.True(LockOwnership.LockedByOther(new ServerActionContext(OtherAdmin, instance, InstanceOperations.Unlock, "req-1")));
        Assert.False(LockOwnership.LockedByOther(new ServerActionContext(Member, instance, InstanceOperations.Unlock, "req-1")));
    }

    private static Task Prepare(RequestPrincipal principal, string? lockedBy)
    {
        var instance = ServerActionRunnerTests.Instance(locked: lockedBy is not null) with { LockedBy = lockedBy };
        var call = new UnlockCall(null!, new RuleBasedComputePolicy(PolicyRuleSet.Defaults()), TimeProvider.System, NullLogger.Instance);
        return call.PrepareAsync(new ServerActionContext(principal, instance, InstanceOperations.Unlock, "req-1"), default);
    }
}
