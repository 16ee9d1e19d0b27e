namespace ControlPlane.Data.Resize;

/// <summary>Filters of <c>GET /os-migrations</c> (all optional; Nova's <c>migration_get_all_by_filters</c>).</summary>
public sealed record MigrationQuery
{
    /// <summary>Source or destination compute host.</summary>
    public string? Host { get; init; }

    /// <summary>Status.</summary>
    public string? Status { get; init; }

    /// <summary>Instance uuid.</summary>
    public Guid? InstanceId { get; init; }

    /// <summary><c>resize</c> or <c>migration</c>.</summary>
    public string? MigrationType { get; init; }

    /// <summary>Only migrations changed at or after this time (2.59).</summary>
    public DateTimeOffset? ChangesSince { get; init; }

    /// <summary>Only migrations changed before this time (2.66).</summary>
    public DateTimeOffset? ChangesBefore { get; init; }

    /// <summary>User id (2.80).</summary>
    public string? UserId { get; init; }

    /// <summary>Project id (2.80).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Return migrations after this one in the order (2.59 paging marker, by id).</summary>
    public long? MarkerId { get; init; }

    /// <summary>Maximum rows (null = all).</summary>
    public int? Limit { get; init; }

    /// <summary>Newest first (2.59 paging) instead of oldest first.</summary>
    public bool NewestFirst { get; init; }
}
