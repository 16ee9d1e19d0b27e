namespace ControlPlane.Domain.States;

/// <summary>
/// Nova's <c>task_state</c> values. <c>null</c> means no task. Every write of a task state
/// is a compare-and-set on the expected prior value.
/// </summary>
public static class TaskState
{
    public const string Scheduling = "scheduling";
    public const string BlockDeviceMapping = "block_device_mapping";
    public const string Networking = "networking";
    public const string Spawning = "spawning";
    public const string Deleting = "deleting";
    public const string PoweringOff = "powering-off";
    public const string PoweringOn = "powering-on";
    public const string Rebooting = "rebooting";
    public const string RebootingHard = "rebooting_hard";
    public const string ImageSnapshotPending = "image_snapshot_pending";
    public const string ImageSnapshot = "image_snapshot";
    public const string ImagePendingUpload = "image_pending_upload";
    public const string ImageUploading = "image_uploading";
    public const string ResizePrep = "resize_prep";
    public const string ResizeMigrating = "resize_migrating";
    public const string ResizeMigrated = "resize_migrated";
    public const string ResizeFinish = "resize_finish";
    public const string ResizeReverting = "resize_reverting";
    public const string Rescuing = "rescuing";
    public const string Unrescuing = "unrescuing";
}
