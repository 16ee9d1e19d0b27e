namespace ControlPlane.ImageStore.Images;

/// <summary>Who is calling: the project-scoped identity of a validated token.</summary>
/// <param name="ProjectId">Project the token is scoped to.</param>
/// <param name="UserId">User id.</param>
/// <param name="Roles">Role names (lower case).</param>
public sealed record ImageCaller(string ProjectId, string UserId, IReadOnlySet<string> Roles)
{
    /// <summary>Holds the admin role: sees and manages every image.</summary>
    public bool IsAdmin => Roles.Contains("admin");

    /// <summary>May write (member or admin); a reader-only token may only read.</summary>
    public bool CanWrite => IsAdmin || Roles.Contains("member");
}
