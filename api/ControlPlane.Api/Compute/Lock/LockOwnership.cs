using ControlPlane.Api.Compute.Actions;
using ControlPlane.Data.Instances;

namespace ControlPlane.Api.Compute.Lock;

/// <summary>Nova's <c>is_expected_locked_by</c>: a caller of the server's project is its <c>owner</c>, anyone else an <c>admin</c>.</summary>
public static class LockOwnership
{
    /// <summary>True when the caller belongs to the server's project.</summary>
    public static bool IsOwner(ServerActionContext context) =>
        string.Equals(context.Principal.ProjectId, context.Instance.ProjectId, StringComparison.Ordinal);

    /// <summary>True when the server is locked by someone in the other role than the caller (an owner's lock is not an
    /// admin's and the other way round).</summary>
    public static bool LockedByOther(ServerActionContext context) =>
        context.Instance.LockedBy is { } lockedBy && lockedBy != (IsOwner(context) ? InstanceLockStore.ByOwner : InstanceLockStore.ByAdmin);
}
