namespace ControlPlane.ImageStore.Images;

/// <summary>A project an image is shared with, and whether it accepted the share.</summary>
/// <param name="ImageId">The shared image.</param>
/// <param name="MemberId">The member project.</param>
/// <param name="Status">pending, accepted or rejected.</param>
/// <param name="CreatedAt">When the member was added.</param>
/// <param name="UpdatedAt">When the status last changed.</param>
public sealed record ImageMember(Guid ImageId, string MemberId, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Valid member statuses.</summary>
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal) { "pending", "accepted", "rejected" };

    /// <summary>Most members one image may have (Glance's <c>image_member_quota</c>).</summary>
    public const int MaxMembers = 128;
}
