namespace ControlPlane.Data.Instances;

/// <summary>An instance row as the API renders it, with its latest fault and its host's service status.</summary>
public sealed record InstanceRecord
{
    public required Guid Id { get; init; }
    public required long InternalId { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    public required string DisplayName { get; init; }
    public string? DisplayDescription { get; init; }
    public string? Hostname { get; init; }
    public required string FlavorId { get; init; }

    /// <summary>The flavor copied at boot (JSON object text).</summary>
    public required string FlavorJson { get; init; }
    public required string ImageRef { get; init; }
    public required string VmState { get; init; }
    public string? TaskState { get; init; }
    public int PowerState { get; init; }
    public string? Host { get; init; }
    public string? Node { get; init; }
    public int Progress { get; init; }
    public required string ReservationId { get; init; }
    public int LaunchIndex { get; init; }
    public string? AvailabilityZone { get; init; }
    public string? KeyName { get; init; }
    public string? UserData { get; init; }
    public string? AccessIpV4 { get; init; }
    public string? AccessIpV6 { get; init; }
    public string ConfigDrive { get; init; } = string.Empty;
    public bool Locked { get; init; }
    public string? LockedReason { get; init; }

    /// <summary>Who locked it: <c>owner</c> (its project) or <c>admin</c> (another project); null while unlocked.</summary>
    public string? LockedBy { get; init; }
    public bool AutoDiskConfig { get; init; }

    /// <summary>Metadata (JSON object text of string values).</summary>
    public string MetadataJson { get; init; } = "{}";

    /// <summary>System metadata (JSON object text of string values), e.g. <c>shelved_image_id</c> while shelved.</summary>
    public string SystemMetadataJson { get; init; } = "{}";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public DateTimeOffset? LaunchedAt { get; init; }
    public DateTimeOffset? TerminatedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public bool Deleted { get; init; }

    /// <summary>The latest fault, or <c>null</c>.</summary>
    public InstanceFaultRecord? Fault { get; init; }

    /// <summary>Host service state: <c>UP</c>, <c>DOWN</c>, <c>MAINTENANCE</c>, <c>UNKNOWN</c>, or empty without host.</summary>
    public string HostStatus { get; init; } = string.Empty;

    /// <summary>Hypervisor-side name, Nova's <c>instance-%08x</c>.</summary>
    public string InstanceName => Domain.Instances.InstanceNames.For(InternalId);

    /// <summary>
    /// The driver features the host's compute service reported (<c>services.driver_features</c>, names of
    /// <see cref="Domain.Operations.DriverFeature"/>); <c>null</c> when unknown (not reported, or no host): every feature allowed.
    /// </summary>
    public IReadOnlyList<string>? HostFeatures { get; init; }
}
