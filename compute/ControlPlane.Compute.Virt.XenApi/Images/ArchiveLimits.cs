namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>Caps applied while unpacking one image archive.</summary>
/// <param name="MaxMemberBytes">Largest single member.</param>
/// <param name="MaxTotalBytes">Largest sum of all members.</param>
/// <param name="MaxMembers">Most VHD members (the deepest chain XenServer accepts).</param>
public sealed record ArchiveLimits(long MaxMemberBytes, long MaxTotalBytes, int MaxMembers = 30);
