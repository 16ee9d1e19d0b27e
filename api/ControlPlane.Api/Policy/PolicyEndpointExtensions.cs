namespace ControlPlane.Api.Policy;

/// <summary>Declares a compute route's policy rule on its mapping, one line per route.</summary>
public static class PolicyEndpointExtensions
{
    /// <summary>The route needs <paramref name="rule"/> (checked by <see cref="ComputePolicyMiddleware"/> on the caller's project).</summary>
    public static TBuilder RequirePolicy<TBuilder>(this TBuilder builder, string rule)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PolicyRequirement(rule));

    /// <summary>The routes' handlers apply their operation's rule themselves (the operation runner).</summary>
    public static TBuilder PolicyByOperationRunner<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PolicyRequirement.ByOperationRunner);
}
