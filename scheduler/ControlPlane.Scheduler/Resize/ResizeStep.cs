namespace ControlPlane.Scheduler.Resize;

/// <summary>The <c>MigrationStep.step</c> values a compute host reports (see <c>conductor.proto</c>).</summary>
public static class ResizeStep
{
    /// <summary>Destination ready to receive.</summary>
    public const string Prepped = "prepped";

    /// <summary>Source sent the disks and powered off.</summary>
    public const string Migrated = "migrated";

    /// <summary>Destination built the instance (VERIFY_RESIZE).</summary>
    public const string Finished = "finished";

    /// <summary>Source destroyed the <c>-orig</c> VM.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>Destination destroyed its copy (revert, or clean-up after a failure).</summary>
    public const string RevertedDestination = "reverted_dest";

    /// <summary>Source restored the instance.</summary>
    public const string Reverted = "reverted";

    /// <summary>A step failed (fault set; rollback when the instance is intact on its source).</summary>
    public const string Failed = "failed";
}
