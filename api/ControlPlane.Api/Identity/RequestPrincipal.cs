namespace ControlPlane.Api.Identity;

/// <summary>The authenticated caller of a compute or gRPC request.</summary>
/// <param name="UserId">User id.</param>
/// <param name="ProjectId">Scoped project id.</param>
/// <param name="Roles">Role names on the project.</param>
/// <param name="Token">The raw token (forwarded to the imagestore on the user's behalf).</param>
public sealed record RequestPrincipal(string UserId, string ProjectId, IReadOnlyList<string> Roles, string Token)
{
    /// <summary>True with the <c>admin</c> role.</summary>
    public bool IsAdmin => Roles.Contains("admin", StringComparer.Ordinal);
}
