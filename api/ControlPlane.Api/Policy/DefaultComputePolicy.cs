using ControlPlane.Api.Identity;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Policy;

/// <summary>
/// Nova's default rules in their scoped-role form, without a rules file: rules ending in <c>:get</c>,
/// <c>:index</c>, <c>:detail</c>, <c>:show</c> or <c>:list</c> need <c>reader</c> (or <c>member</c> or
/// <c>admin</c>, which imply it) on the target project; the admin rules need <c>admin</c>; every other rule
/// needs <c>member</c> (or <c>admin</c>) on the target project.
/// </summary>
public sealed class DefaultComputePolicy : IComputePolicy
{
    private static readonly string[] AdminRules =
    [
        "os_compute_api:os-migrate-server:migrate",
        "os_compute_api:os-console-auth-tokens",
        "os_compute_api:os-migrations:index",
        "os_compute_api:os-lock-server:unlock:unlock_override",
    ];

    private static readonly string[] ReadSuffixes = [":get", ":index", ":detail", ":show", ":list"];

    /// <inheritdoc />
    public void Authorize(string rule, RequestPrincipal principal, string? targetProjectId)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.IsAdmin)
        {
            return;
        }
        var sameProject = targetProjectId is null || string.Equals(targetProjectId, principal.ProjectId, StringComparison.Ordinal);
        var allowed = !AdminRules.Contains(rule, StringComparer.Ordinal) && sameProject &&
            (HasRole(principal, "member") || (IsRead(rule) && HasRole(principal, "reader")));
        if (!allowed)
        {
            throw new ForbiddenException($"Policy doesn't allow {rule} to be performed.");
        }
    }

    private static bool IsRead(string rule) => ReadSuffixes.Any(s => rule.EndsWith(s, StringComparison.Ordinal));

    private static bool HasRole(RequestPrincipal principal, string role) => principal.Roles.Contains(role, StringComparer.Ordinal);
}
