namespace ControlPlane.Api.Policy;

/// <summary>
/// Endpoint metadata naming the policy rule a compute route needs (<see cref="Rule"/>), or saying that
/// the handler applies the rule itself (<see cref="Rule"/> null: the operation runner, which knows the
/// operation's rule and the target's project only after it has read the request).
/// </summary>
/// <param name="Rule">The rule checked before the handler runs; null when the handler checks.</param>
public sealed record PolicyRequirement(string? Rule)
{
    /// <summary>The handler (the operation runner) applies the operation's rule itself.</summary>
    public static readonly PolicyRequirement ByOperationRunner = new((string?)null);
}
