namespace ControlPlane.Data.Instances;

/// <summary>What the API inserts for a new server (state building/scheduling).</summary>
public sealed record NewInstance
{
    public required Guid Id { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    public required string DisplayName { get; init; }
    public string? DisplayDescription { get; init; }
    public string? KeyName { get; init; }
    public string? KeyData { get; init; }
    public required string Hostname { get; init; }
    public required string FlavorId { get; init; }
    public required string FlavorJson { get; init; }
    public required int Vcpus { get; init; }
    public required int MemoryMb { get; init; }
    public required string ImageRef { get; init; }
    public required string ReservationId { get; init; }
    public string? AvailabilityZone { get; init; }
    public string? UserData { get; init; }
    public string? AccessIpV4 { get; init; }
    public string? AccessIpV6 { get; init; }
    public string ConfigDrive { get; init; } = string.Empty;
    public bool AutoDiskConfig { get; init; }
    public required string MetadataJson { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required string RequestId { get; init; }
    public required DateTimeOffset Now { get; init; }

    /// <summary>The server group the server joins (scheduler hint <c>group</c>), recorded with the insert.</summary>
    public Guid? ServerGroupId { get; init; }
}
