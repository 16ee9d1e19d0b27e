using ControlPlane.Domain.States;

namespace ControlPlane.Domain.Operations;

/// <summary>
/// Every instance operation, as data (reference section E; Nova's <c>compute/api.py</c> decorators,
/// <c>instance_actions.py</c> and the versioned notification names). One definition per operation.
/// </summary>
public static class InstanceOperations
{
    /// <summary>vm_states a hard reboot is allowed in (Nova's ALLOW_HARD_REBOOT).</summary>
    public static readonly IReadOnlyList<string> HardRebootVmStates =
        [VmState.Active, VmState.Stopped, VmState.Paused, VmState.Suspended, VmState.Error];

    /// <summary>Task states a hard reboot may interrupt (Nova's ALLOW_REBOOT; null = none).</summary>
    public static readonly IReadOnlyList<string?> HardRebootTaskStates =
    [
        null, TaskState.Rebooting, TaskState.RebootPending, TaskState.RebootStarted, TaskState.Resuming,
        TaskState.RebootingHard, TaskState.RebootPendingHard, TaskState.RebootStartedHard,
        TaskState.Unpausing, TaskState.Pausing, TaskState.Suspending,
    ];

    /// <summary>Boot: the api inserts the instance as building/scheduling; the conductor schedules.</summary>
    public static readonly InstanceOperation Boot = new()
    {
        Name = "create", AllowedVmStates = [VmState.Building], AllowedTaskStates = [],
        TaskStates = [TaskState.Scheduling, TaskState.BlockDeviceMapping, TaskState.Networking, TaskState.Spawning],
        FinalVmState = VmState.Active, ActionName = "create", EventName = "compute_build_and_run_instance",
        NotificationPrefix = "instance.create", RequiresHost = false, AllowedWhenLocked = true, Policy = "os_compute_api:servers:create",
    };

    /// <summary>Delete: from any state; a host-less or down-host instance is deleted by the api alone.</summary>
    public static readonly InstanceOperation Delete = new()
    {
        RevokesConsoles = true,
        Name = "delete", AllowedVmStates = [], AllowedTaskStates = [], TaskStates = [TaskState.Deleting],
        FinalVmState = VmState.Deleted, ActionName = "delete", EventName = "compute_terminate_instance",
        NotificationPrefix = "instance.delete", RequiresHost = false, Policy = "os_compute_api:servers:delete",
    };

    /// <summary>os-stop: active or error, no task → powering-off → stopped.</summary>
    public static readonly InstanceOperation Stop = new()
    {
        RevokesConsoles = true,
        Name = "stop", AllowedVmStates = [VmState.Active, VmState.Error], TaskStates = [TaskState.PoweringOff],
        FinalVmState = VmState.Stopped, ActionName = "stop", EventName = "compute_stop_instance",
        NotificationPrefix = "instance.power_off", Policy = "os_compute_api:servers:stop",
    };

    /// <summary>os-start: stopped, no task → powering-on → active.</summary>
    public static readonly InstanceOperation Start = new()
    {
        Name = "start", AllowedVmStates = [VmState.Stopped], TaskStates = [TaskState.PoweringOn],
        FinalVmState = VmState.Active, ActionName = "start", EventName = "compute_start_instance",
        NotificationPrefix = "instance.power_on", Policy = "os_compute_api:servers:start",
    };

    /// <summary>Nova's outer check of <c>reboot</c> (either type): ALLOW_HARD_REBOOT vm_states, ALLOW_REBOOT task states.</summary>
    public static readonly InstanceOperation RebootCheck = new()
    {
        Name = "reboot", AllowedVmStates = HardRebootVmStates, AllowedTaskStates = HardRebootTaskStates,
        Policy = "os_compute_api:servers:reboot",
    };

    /// <summary>reboot SOFT: active, no task → rebooting → active (checked as <c>reboot</c>, then <c>_soft_reboot</c>).</summary>
    public static readonly InstanceOperation Reboot = new()
    {
        Name = "reboot", StateCheckName = "_soft_reboot", OuterCheck = RebootCheck,
        AllowedVmStates = [VmState.Active], TaskStates = [TaskState.Rebooting],
        FinalVmState = VmState.Active, ActionName = "reboot", EventName = "compute_reboot_instance",
        NotificationPrefix = "instance.reboot", Policy = "os_compute_api:servers:reboot",
    };

    /// <summary>reboot HARD (checked as <c>reboot</c>, then <c>_hard_reboot</c>): Nova's ALLOW_HARD_REBOOT vm_states and ALLOW_REBOOT task states → rebooting_hard → active.</summary>
    public static readonly InstanceOperation RebootHard = Reboot with
    {
        StateCheckName = "_hard_reboot",
        AllowedVmStates = HardRebootVmStates, AllowedTaskStates = HardRebootTaskStates, TaskStates = [TaskState.RebootingHard],
    };

    /// <summary>createImage: active, stopped, paused or suspended, no task → image_snapshot_pending → image_snapshot →
    /// image_pending_upload → image_uploading → none. Nova never lock-checks a snapshot.</summary>
    public static readonly InstanceOperation CreateImage = new()
    {
        Name = "createImage", AllowedVmStates = [VmState.Active, VmState.Stopped, VmState.Paused, VmState.Suspended],
        TaskStates = [TaskState.ImageSnapshotPending, TaskState.ImageSnapshot, TaskState.ImagePendingUpload, TaskState.ImageUploading],
        ActionName = "createImage", EventName = "compute_snapshot_instance", NotificationPrefix = "instance.snapshot",
        RequiredFeature = DriverFeature.Snapshot, AllowedWhenLocked = true, Policy = "os_compute_api:servers:create_image",
    };

    /// <summary>resize: active or stopped, no task → resize_prep → resize_migrating → resize_migrated → resize_finish → resized.</summary>
    public static readonly InstanceOperation Resize = new()
    {
        Name = "resize", AllowedVmStates = [VmState.Active, VmState.Stopped],
        TaskStates = [TaskState.ResizePrep, TaskState.ResizeMigrating, TaskState.ResizeMigrated, TaskState.ResizeFinish],
        FinalVmState = VmState.Resized, ActionName = "resize", EventName = "compute_resize_instance",
        NotificationPrefix = "instance.resize", RequiredFeature = DriverFeature.Resize, Policy = "os_compute_api:servers:resize",
    };

    /// <summary>migrate (admin): a resize to the same flavor on another host.</summary>
    public static readonly InstanceOperation Migrate = Resize with
    {
        Name = "migrate", ActionName = "migrate", Policy = "os_compute_api:os-migrate-server:migrate",
    };

    /// <summary>confirmResize: resized, no task → resize_confirming → active (or stopped).</summary>
    public static readonly InstanceOperation ConfirmResize = new()
    {
        RevokesConsoles = true,
        Name = "confirmResize", AllowedVmStates = [VmState.Resized], TaskStates = [TaskState.ResizeConfirming],
        ActionName = "confirmResize", EventName = "compute_confirm_resize", NotificationPrefix = "instance.resize_confirm",
        RequiredFeature = DriverFeature.Resize, Policy = "os_compute_api:servers:confirm_resize",
    };

    /// <summary>revertResize: resized, no task → resize_reverting → active (or stopped).</summary>
    public static readonly InstanceOperation RevertResize = new()
    {
        RevokesConsoles = true,
        Name = "revertResize", AllowedVmStates = [VmState.Resized], TaskStates = [TaskState.ResizeReverting],
        ActionName = "revertResize", EventName = "compute_revert_resize", NotificationPrefix = "instance.resize_revert",
        RequiredFeature = DriverFeature.Resize, Policy = "os_compute_api:servers:revert_resize",
    };

    /// <summary>rescue: active, stopped or error, no task → rescuing → rescued.</summary>
    public static readonly InstanceOperation Rescue = new()
    {
        RevokesConsoles = true,
        Name = "rescue", AllowedVmStates = [VmState.Active, VmState.Stopped, VmState.Error], TaskStates = [TaskState.Rescuing],
        FinalVmState = VmState.Rescued, ActionName = "rescue", EventName = "compute_rescue_instance",
        NotificationPrefix = "instance.rescue", RequiredFeature = DriverFeature.Rescue, Policy = "os_compute_api:os-rescue",
    };

    /// <summary>unrescue: rescued, no task → unrescuing → active.</summary>
    public static readonly InstanceOperation Unrescue = new()
    {
        RevokesConsoles = true,
        Name = "unrescue", AllowedVmStates = [VmState.Rescued], TaskStates = [TaskState.Unrescuing],
        FinalVmState = VmState.Active, ActionName = "unrescue", EventName = "compute_unrescue_instance",
        NotificationPrefix = "instance.unrescue", RequiredFeature = DriverFeature.Rescue, Policy = "os_compute_api:os-unrescue",
    };

    /// <summary>pause: active, no task → pausing → paused.</summary>
    public static readonly InstanceOperation Pause = new()
    {
        Name = "pause", AllowedVmStates = [VmState.Active], TaskStates = [TaskState.Pausing], FinalVmState = VmState.Paused,
        ActionName = "pause", EventName = "compute_pause_instance", NotificationPrefix = "instance.pause",
        RequiredFeature = DriverFeature.Pause, Policy = "os_compute_api:os-pause-server:pause",
    };

    /// <summary>unpause: paused, no task → unpausing → active.</summary>
    public static readonly InstanceOperation Unpause = new()
    {
        Name = "unpause", AllowedVmStates = [VmState.Paused], TaskStates = [TaskState.Unpausing], FinalVmState = VmState.Active,
        ActionName = "unpause", EventName = "compute_unpause_instance", NotificationPrefix = "instance.unpause",
        RequiredFeature = DriverFeature.Pause, Policy = "os_compute_api:os-pause-server:unpause",
    };

    /// <summary>suspend: active, no task → suspending → suspended.</summary>
    public static readonly InstanceOperation Suspend = new()
    {
        Name = "suspend", AllowedVmStates = [VmState.Active], TaskStates = [TaskState.Suspending], FinalVmState = VmState.Suspended,
        ActionName = "suspend", EventName = "compute_suspend_instance", NotificationPrefix = "instance.suspend",
        RequiredFeature = DriverFeature.Suspend, Policy = "os_compute_api:os-suspend-server:suspend",
    };

    /// <summary>resume: suspended, no task → resuming → active.</summary>
    public static readonly InstanceOperation Resume = new()
    {
        Name = "resume", AllowedVmStates = [VmState.Suspended], TaskStates = [TaskState.Resuming], FinalVmState = VmState.Active,
        ActionName = "resume", EventName = "compute_resume_instance", NotificationPrefix = "instance.resume",
        RequiredFeature = DriverFeature.Suspend, Policy = "os_compute_api:os-suspend-server:resume",
    };

    /// <summary>shelve (Nova's <c>compute/api.py shelve</c>): active, stopped, paused or suspended, no task → shelving →
    /// shelving_image_pending_upload → shelving_image_uploading → shelved; with <c>shelved_offload_time</c> 0 it goes on
    /// through shelving_offloading to shelved_offloaded (no host, claim released).</summary>
    public static readonly InstanceOperation Shelve = new()
    {
        RevokesConsoles = true,
        Name = "shelve", AllowedVmStates = [VmState.Active, VmState.Stopped, VmState.Paused, VmState.Suspended],
        TaskStates = [TaskState.Shelving, TaskState.ShelvingImagePendingUpload, TaskState.ShelvingImageUploading, TaskState.ShelvingOffloading],
        FinalVmState = VmState.Shelved, ActionName = "shelve", EventName = "compute_shelve_instance", NotificationPrefix = "instance.shelve",
        RequiredFeature = DriverFeature.Snapshot, Policy = "os_compute_api:os-shelve:shelve",
    };

    /// <summary>shelveOffload: shelved, no task → shelving_offloading → shelved_offloaded (no host, claim released).</summary>
    public static readonly InstanceOperation ShelveOffload = new()
    {
        Name = "shelveOffload", AllowedVmStates = [VmState.Shelved], TaskStates = [TaskState.ShelvingOffloading],
        FinalVmState = VmState.ShelvedOffloaded, ActionName = "shelveOffload", EventName = "compute_shelve_offload_instance",
        NotificationPrefix = "instance.shelve_offload", Policy = "os_compute_api:os-shelve:shelve_offload",
    };

    /// <summary>unshelve: shelved or shelved_offloaded, no task → unshelving → spawning → active. The conductor schedules
    /// an offloaded instance again (a shelved one stays on its host); the compute boots it from the shelved image.</summary>
    public static readonly InstanceOperation Unshelve = new()
    {
        Name = "unshelve", AllowedVmStates = [VmState.Shelved, VmState.ShelvedOffloaded], TaskStates = [TaskState.Unshelving, TaskState.Spawning],
        FinalVmState = VmState.Active, ActionName = "unshelve", EventName = "compute_unshelve_instance",
        NotificationPrefix = "instance.unshelve", RequiresHost = false, Policy = "os_compute_api:os-shelve:unshelve",
    };

    /// <summary>lock: any state; sets no task state; locked servers may be locked again by an admin.</summary>
    public static readonly InstanceOperation Lock = new()
    {
        Name = "lock", AllowedVmStates = [], AllowedTaskStates = [], ActionName = "lock", NotificationPrefix = "instance.lock",
        RequiresHost = false, AllowedWhenLocked = true, Policy = "os_compute_api:os-lock-server:lock",
    };

    /// <summary>unlock: any state; the owner or an admin.</summary>
    public static readonly InstanceOperation Unlock = new()
    {
        Name = "unlock", AllowedVmStates = [], AllowedTaskStates = [], ActionName = "unlock", NotificationPrefix = "instance.unlock",
        RequiresHost = false, AllowedWhenLocked = true, Policy = "os_compute_api:os-lock-server:unlock",
    };

    /// <summary>A VNC console URL: an instance on a host with a screen; no task state, no action row (Nova).</summary>
    public static readonly InstanceOperation GetVncConsole = new()
    {
        Name = "get_vnc_console", AllowedVmStates = [VmState.Active, VmState.Rescued, VmState.Paused, VmState.Resized],
        AllowedTaskStates = [], RequiredFeature = DriverFeature.VncConsole, AllowedWhenLocked = true,
        Policy = "os_compute_api:os-remote-consoles",
    };

    /// <summary>The console log; no task state, no action row.</summary>
    public static readonly InstanceOperation GetConsoleOutput = new()
    {
        Name = "get_console_output", AllowedVmStates = [], AllowedTaskStates = [], RequiredFeature = DriverFeature.ConsoleOutput,
        AllowedWhenLocked = true, Policy = "os_compute_api:os-console-output",
    };

    /// <summary>rebuild: active, stopped or error, no task → rebuilding → rebuild_block_device_mapping → rebuild_spawning →
    /// active (or stopped when it was stopped: the compute reports the vm_state).</summary>
    public static readonly InstanceOperation Rebuild = new()
    {
        Name = "rebuild", AllowedVmStates = [VmState.Active, VmState.Stopped, VmState.Error],
        TaskStates = [TaskState.Rebuilding, TaskState.RebuildBlockDeviceMapping, TaskState.RebuildSpawning], ActionName = "rebuild", EventName = "compute_rebuild_instance",
        NotificationPrefix = "instance.rebuild", RequiredFeature = DriverFeature.Rebuild, Policy = "os_compute_api:servers:rebuild",
    };
}
