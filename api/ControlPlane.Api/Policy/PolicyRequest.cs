using ControlPlane.Api.Identity;

namespace ControlPlane.Api.Policy;

/// <summary>
/// What a rule is evaluated against: the caller's credentials (<c>user_id</c>, <c>project_id</c>, roles)
/// and the target object (<c>project_id</c>, <c>user_id</c> of its owner), as oslo.policy's creds and target.
/// </summary>
/// <param name="UserId">Caller's user id.</param>
/// <param name="ProjectId">Caller's scoped project id.</param>
/// <param name="Roles">Caller's roles on that project.</param>
/// <param name="TargetProjectId">Project owning the target.</param>
/// <param name="TargetUserId">User owning the target.</param>
public sealed record PolicyRequest(string UserId, string ProjectId, IReadOnlyList<string> Roles, string? TargetProjectId, string? TargetUserId)
{
    /// <summary>The request of <paramref name="principal"/> on a target of <paramref name="targetProjectId"/>
    /// (null: the caller's own project, as Nova's default target) owned by the caller.</summary>
    public static PolicyRequest For(RequestPrincipal principal, string? targetProjectId) =>
        new(principal.UserId, principal.ProjectId, principal.Roles, targetProjectId ?? principal.ProjectId, principal.UserId);

    /// <summary>A credential by oslo.policy key (<c>user_id</c>, <c>project_id</c>); null when unknown.</summary>
    public string? Credential(string key) => key switch
    {
        "user_id" => UserId,
        "project_id" => ProjectId,
        _ => null,
    };

    /// <summary>A target attribute by key (<c>project_id</c>, <c>user_id</c>); null when unknown.</summary>
    public string? Target(string key) => key switch
    {
        "project_id" => TargetProjectId,
        "user_id" => TargetUserId,
        _ => null,
    };
}
