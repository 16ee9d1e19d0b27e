namespace ControlPlane.Api.Compute.Servers;

/// <summary>A validated <c>POST /servers</c> body.</summary>
public sealed record CreateServerRequest
{
    public required string Name { get; init; }
    public required string FlavorRef { get; init; }
    public required Guid ImageRef { get; init; }
    public string? AdminPass { get; init; }
    public string? KeyName { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public string? AvailabilityZone { get; init; }
    public string? UserData { get; init; }
    public string? AccessIpV4 { get; init; }
    public string? AccessIpV6 { get; init; }
    public bool AutoDiskConfig { get; init; }
    public bool ConfigDrive { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Hostname { get; init; }
    public bool ReturnReservationId { get; init; }

    /// <summary>The server group to join (scheduler hint <c>group</c>), or null.</summary>
    public Guid? ServerGroupId { get; init; }
}
