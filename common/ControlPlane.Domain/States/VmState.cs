namespace ControlPlane.Domain.States;

/// <summary>Nova's <c>vm_state</c> values (stable, user-visible through OS-EXT-STS:vm_state).</summary>
public static class VmState
{
    /// <summary>Running (or at least booted) and usable.</summary>
    public const string Active = "active";

    /// <summary>Being built: scheduled, spawning.</summary>
    public const string Building = "building";

    /// <summary>Paused in memory (XenAPI <c>VM.pause</c>).</summary>
    public const string Paused = "paused";

    /// <summary>Suspended to disk (XenAPI <c>VM.suspend</c>).</summary>
    public const string Suspended = "suspended";

    /// <summary>Powered off.</summary>
    public const string Stopped = "stopped";

    /// <summary>Booted from a rescue image with its own root disk attached.</summary>
    public const string Rescued = "rescued";

    /// <summary>Resized or migrated, waiting for confirm or revert (API status VERIFY_RESIZE).</summary>
    public const string Resized = "resized";

    /// <summary>Shelved, still on its host.</summary>
    public const string Shelved = "shelved";

    /// <summary>Shelved and removed from every host (only its image remains).</summary>
    public const string ShelvedOffloaded = "shelved_offloaded";

    /// <summary>Deleted.</summary>
    public const string Deleted = "deleted";

    /// <summary>Soft-deleted (restorable).</summary>
    public const string SoftDeleted = "soft-delete";

    /// <summary>Failed; only delete, hard reboot, rebuild, rescue or reset-state help.</summary>
    public const string Error = "error";
}
