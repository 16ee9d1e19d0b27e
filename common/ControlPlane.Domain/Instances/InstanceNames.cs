using System.Globalization;

namespace ControlPlane.Domain.Instances;

/// <summary>
/// The hypervisor-side instance name, Nova's <c>instance_name_template</c> <c>instance-%08x</c> of the
/// instance's internal (serial) id, e.g. <c>instance-0000002a</c>. The one place the rule is written.
/// </summary>
public static class InstanceNames
{
    /// <summary>The prefix of every instance name.</summary>
    public const string Prefix = "instance-";

    /// <summary>The name of the instance whose internal id is <paramref name="internalId"/>.</summary>
    public static string For(long internalId) => Prefix + internalId.ToString("x8", CultureInfo.InvariantCulture);
}
