namespace ControlPlane.Data.Instances;

/// <summary>Filters and page of a server listing (validated by the caller).</summary>
public sealed record InstanceQuery
{
    /// <summary>Project to list, or <c>null</c> for every project (admin all_tenants).</summary>
    public string? ProjectId { get; init; }

    /// <summary>POSIX regular expression on the display name.</summary>
    public string? NameRegex { get; init; }

    /// <summary>vm_states to include (from the status filter), or <c>null</c>.</summary>
    public IReadOnlyList<string>? VmStates { get; init; }

    /// <summary>task_states to include (null in the list = none), or <c>null</c> for any.</summary>
    public IReadOnlyList<string?>? TaskStates { get; init; }

    public string? ImageRef { get; init; }
    public string? FlavorId { get; init; }
    public string? Host { get; init; }
    public string? UserId { get; init; }
    public string? ReservationId { get; init; }
    public bool? Locked { get; init; }

    /// <summary>Tag filters (Nova 2.26): every tag of <c>tags</c>, any of <c>tags-any</c>, not all of <c>not-tags</c>,
    /// none of <c>not-tags-any</c>; null = no filter.</summary>
    public InstanceTagFilter? Tags { get; init; }

    /// <summary>Only instances updated at or after this time; includes deleted ones unless <see cref="Deleted"/> says otherwise.</summary>
    public DateTimeOffset? ChangesSince { get; init; }

    /// <summary>Only instances updated at or before this time.</summary>
    public DateTimeOffset? ChangesBefore { get; init; }

    /// <summary><c>true</c> deleted only, <c>false</c> live only, <c>null</c> live only unless <see cref="ChangesSince"/> is set.</summary>
    public bool? Deleted { get; init; }

    public int Limit { get; init; } = 1000;

    /// <summary>Server id after which the page starts (in created_at desc order), or <c>null</c>.</summary>
    public Guid? Marker { get; init; }
}
