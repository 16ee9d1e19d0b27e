namespace ControlPlane.Domain.Migrations;

/// <summary>
/// Status of a resize or cold-migration record (Nova's <c>migrations.status</c>, reference E.3), in order:
/// pre-migrating → migrating → post-migrating → finished → confirming → confirmed, or reverting → reverted;
/// error on failure.
/// </summary>
public static class MigrationStatus
{
    /// <summary>The destination is claimed, nothing has moved yet.</summary>
    public const string PreMigrating = "pre-migrating";

    /// <summary>The source is sending the disks.</summary>
    public const string Migrating = "migrating";

    /// <summary>The disks are on the destination; the instance's host is the destination.</summary>
    public const string PostMigrating = "post-migrating";

    /// <summary>The destination runs the instance (VERIFY_RESIZE).</summary>
    public const string Finished = "finished";

    /// <summary>Confirm requested by the api.</summary>
    public const string Confirming = "confirming";

    /// <summary>Confirm done: the source copy is gone and its claim released.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>Revert requested by the api.</summary>
    public const string Reverting = "reverting";

    /// <summary>Revert done: the instance runs on the source again, the destination claim released.</summary>
    public const string Reverted = "reverted";

    /// <summary>The migration failed (or auto-confirm found the instance in a bad state).</summary>
    public const string Error = "error";

    /// <summary>Statuses during which both hosts hold a claim for the instance.</summary>
    public static readonly IReadOnlyList<string> InProgress = [PreMigrating, Migrating, PostMigrating, Finished, Confirming, Reverting];

    /// <summary>Nova's <c>migration_type</c> of a flavor change.</summary>
    public const string TypeResize = "resize";

    /// <summary>Nova's <c>migration_type</c> of a cold migration (same flavor).</summary>
    public const string TypeMigration = "migration";
}
