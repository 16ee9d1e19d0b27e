namespace ControlPlane.Domain.ServerGroups;

/// <summary>
/// The server group policies Nova knows (<c>nova/objects/instance_group.py</c>): the hard ones filter hosts
/// (affinity: every member on one host; anti-affinity: at most <c>max_server_per_host</c> members, default 1,
/// on a host), the soft ones (from microversion 2.15) only weigh them.
/// </summary>
public static class ServerGroupPolicies
{
    /// <summary>All members on one host.</summary>
    public const string Affinity = "affinity";

    /// <summary>Members on different hosts (at most <c>max_server_per_host</c> on one).</summary>
    public const string AntiAffinity = "anti-affinity";

    /// <summary>Prefer the host holding the most members.</summary>
    public const string SoftAffinity = "soft-affinity";

    /// <summary>Prefer the host holding the fewest members.</summary>
    public const string SoftAntiAffinity = "soft-anti-affinity";

    /// <summary>The policies of microversions 2.1 to 2.14.</summary>
    public static readonly IReadOnlyList<string> Hard = [AntiAffinity, Affinity];

    /// <summary>Every policy (2.15 and later), in Nova's schema order.</summary>
    public static readonly IReadOnlyList<string> All = [AntiAffinity, Affinity, SoftAntiAffinity, SoftAffinity];

    /// <summary>True for a policy that filters hosts rather than weighing them.</summary>
    public static bool IsHard(string policy) => policy is Affinity or AntiAffinity;
}
