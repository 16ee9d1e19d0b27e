using ControlPlane.Domain.States;

namespace ControlPlane.Domain.Operations;

/// <summary>
/// The host-side steps of a resize or cold migration (reference E.3/E.4), one definition each, derived from the
/// api's <see cref="InstanceOperations.Resize"/>, <see cref="InstanceOperations.ConfirmResize"/> and
/// <see cref="InstanceOperations.RevertResize"/> (same states and policy; their own event and notification names, as
/// Nova's <c>prep_resize</c>, <c>resize_instance</c>, <c>finish_resize</c>, <c>confirm_resize</c>, <c>revert_resize</c>
/// and <c>finish_revert_resize</c>). Each step reports to the conductor, which moves the migration and the instance on.
/// </summary>
public static class ResizeOperations
{
    /// <summary>Destination: accept the incoming migration (task stays resize_prep).</summary>
    public static readonly InstanceOperation Prep = InstanceOperations.Resize with
    {
        Name = "prep_resize", TaskStates = [TaskState.ResizePrep], FinalVmState = null,
        EventName = "compute_prep_resize", NotificationPrefix = "instance.resize_prep",
    };

    /// <summary>Source: resize_prep → resize_migrating; disks sent, VM powered off (conductor then sets resize_migrated).</summary>
    public static readonly InstanceOperation Migrate = InstanceOperations.Resize with
    {
        Name = "resize_instance", TaskStates = [TaskState.ResizePrep, TaskState.ResizeMigrating], FinalVmState = null,
        EventName = "compute_resize_instance", NotificationPrefix = "instance.resize",
    };

    /// <summary>Destination: resize_migrated → resize_finish; VM built with the new flavor (conductor then sets resized).</summary>
    public static readonly InstanceOperation Finish = InstanceOperations.Resize with
    {
        Name = "finish_resize", TaskStates = [TaskState.ResizeMigrated, TaskState.ResizeFinish], FinalVmState = null,
        EventName = "compute_finish_resize", NotificationPrefix = "instance.resize_finish",
    };

    /// <summary>Source: destroy the <c>-orig</c> VM.</summary>
    public static readonly InstanceOperation Confirm = InstanceOperations.ConfirmResize with { Name = "confirm_resize" };

    /// <summary>Destination: destroy the new VM (no notification of its own, as Nova).</summary>
    public static readonly InstanceOperation RevertDestination = InstanceOperations.RevertResize with
    {
        Name = "revert_resize", NotificationPrefix = null,
    };

    /// <summary>Source: restore the <c>-orig</c> VM.</summary>
    public static readonly InstanceOperation FinishRevert = InstanceOperations.RevertResize with
    {
        Name = "finish_revert_resize", EventName = "compute_finish_revert_resize",
    };
}
