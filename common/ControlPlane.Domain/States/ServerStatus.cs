namespace ControlPlane.Domain.States;

/// <summary>Maps (vm_state, task_state) to the API <c>status</c> field exactly as Nova's <c>common.status_from_state</c>.</summary>
public static class ServerStatus
{
    /// <summary>Returns the upper-case API status for an instance.</summary>
    public static string From(string vmState, string? taskState)
    {
        return vmState switch
        {
            VmState.Building => "BUILD",
            VmState.Stopped => IsResizing(taskState) ? "RESIZE" : IsRebuilding(taskState) ? "REBUILD" : "SHUTOFF",
            VmState.Active => taskState switch
            {
                TaskState.Rebooting or TaskState.RebootPending or TaskState.RebootStarted => "REBOOT",
                TaskState.RebootingHard or TaskState.RebootPendingHard or TaskState.RebootStartedHard => "HARD_REBOOT",
                _ when IsRebuilding(taskState) => "REBUILD",
                TaskState.Migrating => "MIGRATING",
                _ when IsResizing(taskState) => "RESIZE",
                _ => "ACTIVE",
            },
            VmState.Paused => "PAUSED",
            VmState.Suspended => "SUSPENDED",
            VmState.Rescued => "RESCUE",
            VmState.Resized => taskState == TaskState.ResizeReverting ? "REVERT_RESIZE" : "VERIFY_RESIZE",
            VmState.Shelved => "SHELVED",
            VmState.ShelvedOffloaded => "SHELVED_OFFLOADED",
            VmState.Deleted => "DELETED",
            VmState.SoftDeleted => "SOFT_DELETED",
            VmState.Error => IsRebuilding(taskState) ? "REBUILD" : "ERROR",
            _ => "UNKNOWN",
        };
    }

    private static bool IsRebuilding(string? taskState) =>
        taskState is TaskState.Rebuilding or TaskState.RebuildBlockDeviceMapping or TaskState.RebuildSpawning;

    private static bool IsResizing(string? taskState) =>
        taskState is TaskState.ResizePrep or TaskState.ResizeMigrating or TaskState.ResizeMigrated or TaskState.ResizeFinish;
}
