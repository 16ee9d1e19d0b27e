using ControlPlane.Api.Identity;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Policy;

/// <summary>
/// The compute policy as data: the rules of <see cref="PolicyRuleSet"/> (built-in Nova defaults plus the
/// operator's <c>Api:PolicyFile</c>), evaluated for the caller and the target. A refusal is Nova's
/// <c>Policy doesn't allow RULE to be performed.</c> (403).
/// </summary>
public sealed class RuleBasedComputePolicy(PolicyRuleSet rules) : IComputePolicy
{
    /// <summary>The rule set in use.</summary>
    public PolicyRuleSet Rules => rules;

    /// <inheritdoc />
    public void Authorize(string rule, RequestPrincipal principal, string? targetProjectId)
    {
        if (!Allows(rule, principal, targetProjectId))
        {
            throw new ForbiddenException($"Policy doesn't allow {rule} to be performed.");
        }
    }

    /// <inheritdoc />
    public bool Allows(string rule, RequestPrincipal principal, string? targetProjectId)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(principal);
        return rules.Allows(rule, PolicyRequest.For(principal, targetProjectId));
    }
}
