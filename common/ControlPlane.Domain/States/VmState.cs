namespace ControlPlane.Domain.States;

/// <summary>Nova's <c>vm_state</c> values (stable, user-visible through OS-EXT-STS:vm_state).</summary>
public static class VmState
{
    public const string Active = "active";
    public const string Building = "building";
    public const string Stopped = "stopped";
    public const string Rescued = "rescued";
    public const string Resized = "resized";
    public const string Deleted = "deleted";
    public const string SoftDeleted = "soft-delete";
    public const string Error = "error";
}
