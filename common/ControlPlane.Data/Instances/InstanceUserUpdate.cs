namespace ControlPlane.Data.Instances;

/// <summary>What a user may change with <c>PUT /servers/{id}</c>; null / false = unchanged.</summary>
public sealed record InstanceUserUpdate
{
    public string? Name { get; init; }
    public bool SetDescription { get; init; }
    public string? Description { get; init; }
    public bool SetAccessIpV4 { get; init; }
    public string? AccessIpV4 { get; init; }
    public bool SetAccessIpV6 { get; init; }
    public string? AccessIpV6 { get; init; }
    public bool? AutoDiskConfig { get; init; }
}
