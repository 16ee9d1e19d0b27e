namespace ControlPlane.Api.Compute.ImagesProxy;

/// <summary>Nova's image-proxy mapping of Glance statuses to its upper-case statuses and progress.</summary>
public static class NovaImageStatus
{
    /// <summary>queued/saving = SAVING, active = ACTIVE, killed = ERROR, deleted/pending_delete = DELETED, else UNKNOWN.</summary>
    public static string Of(string? glanceStatus) => glanceStatus switch
    {
        "active" => "ACTIVE",
        "queued" or "saving" => "SAVING",
        "killed" => "ERROR",
        "deleted" or "pending_delete" => "DELETED",
        _ => "UNKNOWN",
    };

    /// <summary>queued 25, saving 50, active 100, else 0.</summary>
    public static int Progress(string? glanceStatus) => glanceStatus switch
    {
        "queued" => 25,
        "saving" => 50,
        "active" => 100,
        _ => 0,
    };

    /// <summary>The Glance statuses a Nova status filter selects (empty when it selects none).</summary>
    public static IReadOnlyList<string> GlanceStatuses(string novaStatus) => novaStatus.ToUpperInvariant() switch
    {
        "ACTIVE" => ["active"],
        "SAVING" => ["queued", "saving"],
        "ERROR" => ["killed"],
        "DELETED" => ["deleted", "pending_delete"],
        "UNKNOWN" => ["deactivated", "uploading", "importing"],
        _ => [],
    };
}
