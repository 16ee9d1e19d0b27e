namespace ControlPlane.ImageStore.Images;

/// <summary>Which attributes of a Glance v2 image clients may set, and limits on them.</summary>
public static class ImageAttributeRules
{
    /// <summary>Most extra properties an image may carry (Glance's <c>image_property_quota</c>).</summary>
    public const int MaxProperties = 128;

    /// <summary>Most tags an image may carry (Glance's <c>image_tag_quota</c>).</summary>
    public const int MaxTags = 128;

    /// <summary>Longest name, tag or property key.</summary>
    public const int MaxStringLength = 255;

    /// <summary>Longest extra property value (Glance stores text; this only bounds hostile input).</summary>
    public const int MaxPropertyValueLength = 65535;

    /// <summary>Attributes the server maintains; setting one is 403 "read-only".</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "created_at", "updated_at", "status", "checksum", "os_hash_algo", "os_hash_value", "size",
        "virtual_size", "direct_url", "self", "file", "schema", "id",
    };

    /// <summary>Attributes no client may use at all; setting one is 403 "reserved".</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "location", "locations", "deleted", "deleted_at",
    };

    /// <summary>Core attributes stored in their own columns (everything else is an extra property).</summary>
    public static readonly IReadOnlySet<string> Core = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "visibility", "protected", "os_hidden", "min_ram", "min_disk", "owner",
        "container_format", "disk_format", "tags",
    };

    /// <summary>Extra properties of Glance's schema that also accept null (null removes them).</summary>
    public static readonly IReadOnlySet<string> NullableProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "kernel_id", "ramdisk_id",
    };

    /// <summary>Glance's prefix of properties reserved for its own use.</summary>
    public const string ReservedPrefix = "os_glance";

    /// <summary>Whether <paramref name="name"/> is reserved (a reserved name or the <c>os_glance</c> prefix).</summary>
    public static bool IsReserved(string name) =>
        Reserved.Contains(name) || name.StartsWith(ReservedPrefix, StringComparison.Ordinal);
}
