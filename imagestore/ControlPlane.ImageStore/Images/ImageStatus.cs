namespace ControlPlane.ImageStore.Images;

/// <summary>Glance v2 image statuses used by this service.</summary>
public static class ImageStatus
{
    /// <summary>Record exists, no data yet.</summary>
    public const string Queued = "queued";

    /// <summary>Data is being uploaded.</summary>
    public const string Saving = "saving";

    /// <summary>Data is complete and verified; the image can be used.</summary>
    public const string Active = "active";

    /// <summary>The upload failed; the image has no data and cannot get any.</summary>
    public const string Killed = "killed";

    /// <summary>Deleted; invisible to every API call.</summary>
    public const string Deleted = "deleted";

    /// <summary>Data hidden from non-admin users until reactivated.</summary>
    public const string Deactivated = "deactivated";

    /// <summary>Every status a client may filter on.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Queued, Saving, Active, Killed, Deleted, Deactivated, "pending_delete", "uploading", "importing",
    };
}
