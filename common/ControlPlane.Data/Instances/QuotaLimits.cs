namespace ControlPlane.Data.Instances;

/// <summary>Per-project hard limits checked when creating a server (-1 = unlimited).</summary>
public sealed record QuotaLimits(int Instances, int Cores, int RamMb)
{
    /// <summary>Default members per server group (Nova's <c>server_group_members</c>), checked when the server joins one.</summary>
    public int ServerGroupMembers { get; init; } = -1;
}
