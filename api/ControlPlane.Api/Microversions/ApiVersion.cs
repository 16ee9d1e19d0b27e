using System.Globalization;

namespace ControlPlane.Api.Microversions;

/// <summary>A compute API microversion <c>major.minor</c>, ordered.</summary>
public readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    /// <summary>The oldest microversion served.</summary>
    public static readonly ApiVersion Min = new(2, 1);

    /// <summary>
    /// The newest microversion served. NOTE(api): 2.93 is Nova 26's maximum; every server, flavor and
    /// instance-action field up to it is rendered (2.94+ change hostnames and add fields we do not have).
    /// </summary>
    public static readonly ApiVersion Max = new(2, 93);

    /// <inheritdoc />
    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>True when this version is at least <c>2.<paramref name="minor"/></c>.</summary>
    public bool AtLeast(int minor) => this >= new ApiVersion(2, minor);

    public static bool operator <(ApiVersion a, ApiVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(ApiVersion a, ApiVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(ApiVersion a, ApiVersion b) => a.CompareTo(b) >= 0;

    /// <inheritdoc />
    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
}
