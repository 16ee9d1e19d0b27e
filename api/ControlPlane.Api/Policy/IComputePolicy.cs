using ControlPlane.Api.Identity;

namespace ControlPlane.Api.Policy;

/// <summary>
/// Authorises a caller for a named policy rule (Nova's <c>context.can(rule, target)</c>). The rule names are
/// Nova's (<c>os_compute_api:servers:stop</c>, ...); <paramref name="targetProjectId"/> is the project that
/// owns the object acted on (<c>null</c>: the caller's own project, Nova's default target for rules
/// checked before an object is loaded, e.g. create or list).
/// </summary>
public interface IComputePolicy
{
    /// <summary>Throws <see cref="Domain.Errors.ForbiddenException"/> (403, Nova's body) when the rule refuses the caller.</summary>
    void Authorize(string rule, RequestPrincipal principal, string? targetProjectId);

    /// <summary>True when the rule allows the caller (for rules that shape a response, e.g. admin-only fields).</summary>
    bool Allows(string rule, RequestPrincipal principal, string? targetProjectId)
    {
        try
        {
            Authorize(rule, principal, targetProjectId);
            return true;
        }
        catch (Domain.Errors.ForbiddenException)
        {
            return false;
        }
    }
}
