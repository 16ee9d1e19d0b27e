namespace ControlPlane.Domain.States;

/// <summary>
/// Nova's <c>task_state</c> values. <c>null</c> means no task. Every write of a task state
/// is a compare-and-set on the expected prior value.
/// </summary>
public static class TaskState
{
#pragma warning disable CS1591 // Nova's task state names document themselves.
    public const string Scheduling = "scheduling";
    public const string BlockDeviceMapping = "block_device_mapping";
    public const string Networking = "networking";
    public const string Spawning = "spawning";
    public const string Deleting = "deleting";
    public const string PoweringOff = "powering-off";
    public const string PoweringOn = "powering-on";
    public const string Rebooting = "rebooting";
    public const string RebootPending = "reboot_pending";
    public const string RebootStarted = "reboot_started";
    public const string RebootingHard = "rebooting_hard";
    public const string RebootPendingHard = "reboot_pending_hard";
    public const string RebootStartedHard = "reboot_started_hard";
    public const string ImageSnapshotPending = "image_snapshot_pending";
    public const string ImageSnapshot = "image_snapshot";
    public const string ImagePendingUpload = "image_pending_upload";
    public const string ImageUploading = "image_uploading";
    public const string ResizePrep = "resize_prep";
    public const string ResizeMigrating = "resize_migrating";
    public const string ResizeMigrated = "resize_migrated";
    public const string ResizeFinish = "resize_finish";
    public const string ResizeReverting = "resize_reverting";
    public const string ResizeConfirming = "resize_confirming";
    public const string Rescuing = "rescuing";
    public const string Unrescuing = "unrescuing";
    public const string Pausing = "pausing";
    public const string Unpausing = "unpausing";
    public const string Suspending = "suspending";
    public const string Resuming = "resuming";
    public const string Shelving = "shelving";
    public const string ShelvingImagePendingUpload = "shelving_image_pending_upload";
    public const string ShelvingImageUploading = "shelving_image_uploading";
    public const string ShelvingOffloading = "shelving_offloading";
    public const string Unshelving = "unshelving";
    public const string Migrating = "migrating";
    public const string Rebuilding = "rebuilding";
    public const string RebuildBlockDeviceMapping = "rebuild_block_device_mapping";
    public const string RebuildSpawning = "rebuild_spawning";
#pragma warning restore CS1591
}
