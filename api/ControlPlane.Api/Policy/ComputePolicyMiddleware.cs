using ControlPlane.Api.Identity;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Policy;

/// <summary>
/// Applies the route's <see cref="PolicyRequirement"/> to every authenticated compute request before its
/// handler runs, on the caller's own project (a server of another project is then hidden by the scoped
/// lookup: 404, as Nova). A route that declares no requirement is refused (fail closed): every compute
/// route must name its rule.
/// </summary>
public sealed class ComputePolicyMiddleware(RequestDelegate next, IComputePolicy policy)
{
    /// <summary>Runs the middleware.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        // NOTE(api): no endpoint (404) or routing's synthesized 405 endpoint (no method metadata): routing answers.
        if (endpoint?.Metadata.GetMetadata<IHttpMethodMetadata>() is null)
        {
            return next(context);
        }
        var requirement = endpoint.Metadata.GetMetadata<PolicyRequirement>()
            ?? throw new ForbiddenException($"Policy doesn't allow {endpoint.DisplayName} to be performed (the route declares no rule).");
        if (requirement.Rule is not null)
        {
            policy.Authorize(requirement.Rule, context.Principal(), null);
        }
        return next(context);
    }
}
