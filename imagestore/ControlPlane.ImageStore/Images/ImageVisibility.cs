namespace ControlPlane.ImageStore.Images;

/// <summary>Glance v2 visibility values.</summary>
public static class ImageVisibility
{
    /// <summary>Every project sees it; creating or setting it needs the admin role.</summary>
    public const string Public = "public";

    /// <summary>Only the owner (and admins).</summary>
    public const string Private = "private";

    /// <summary>The owner and the projects it is shared with (Glance's default).</summary>
    public const string Shared = "shared";

    /// <summary>Every project may use it, but it is listed only when asked for.</summary>
    public const string Community = "community";

    /// <summary>Valid values of the <c>visibility</c> attribute.</summary>
    public static readonly IReadOnlySet<string> Values = new HashSet<string>(StringComparer.Ordinal)
    {
        Public, Private, Shared, Community,
    };
}
