namespace ControlPlane.Api.Policy;

/// <summary>
/// A parsed oslo.policy check string: <c>@</c>, <c>!</c>, <c>role:R</c>, <c>rule:NAME</c>,
/// <c>KEY:%(TARGET_KEY)s</c>, <c>KEY:literal</c>, combined with <c>and</c>, <c>or</c>, <c>not</c> and parentheses.
/// </summary>
internal abstract record PolicyExpression
{
    /// <summary>Evaluates the expression; <paramref name="resolve"/> yields the compiled expression of a named rule.</summary>
    public abstract bool Evaluate(PolicyRequest request, Func<string, PolicyExpression> resolve);

    /// <summary>Names of the rules referenced with <c>rule:</c>.</summary>
    public abstract IEnumerable<string> References();

    /// <summary><c>@</c>: always.</summary>
    public sealed record Always : PolicyExpression
    {
        public override bool Evaluate(PolicyRequest request, Func<string, PolicyExpression> resolve) => true;

        public override IEnumerable<string> References() => [];
    }

    /// <summary><c>!</c>: never.</summary>
    public sealed record Never : PolicyExpression
    {
        public override bool Evaluate(PolicyRequest request, Func<string, PolicyExpression> resolve) => false;

        public override IEnumerable<string> References() => [];
    }

    /// <summary><c>role:R</c>: the caller holds role R on its scope (case-insensitive, as oslo.policy).</summary>
    public sealed record Role(string Name) : PolicyExpression
    {
        public override bool Evaluate(PolicyRequest request, Func<string, PolicyExpression> resolve) =>
            request.Roles.Any(r => string.Equals(r, Name, StringComparison.OrdinalIgnoreCase));

        public override IEnumerable<string> References() => [];
    }

    /// <summary><c>rule:NAME</c>: another rule of the set.</summary>
    public sealed record Rule(string Name) : PolicyExpression
    {
        public override bool Evaluate(PolicyRequest request, Func<string, PolicyExpression> resolve) => resolve(Name).Evaluate(request, resolve);

        public override IEnumerable<string> References() => [Name];
    }

    /// <summary>
    /// <c>KEY:%(TARGET_KEY)s</c> (the caller's credential KEY equals the target's TARGET_KEY) or
    /// <c>KEY:literal</c> (the credential equals the literal). An absent value never matches.
    /// </summary>
    public sealed record Generic(string CredentialKey, string? TargetKey, string? Literal) : PolicyExpression
    {
        public override bool Evaluate(PolicyRequest request, Func<string, PolicyExpression> resolve)
        {
            var credential = request.Credential(CredentialKey);
            var expected = TargetKey is null ? Literal : request.Target(TargetKey);
            return credential is not null && expected is not null && string.Equals(credential, expected, StringComparison.Ordinal);
        }

        public override IEnumerable<string> References() => [];
    }

    /// <summary><c>not X</c>.</summary>
    public sealed record Not(PolicyExpression Inner) : PolicyExpression
    {
        public override bool Evaluate(PolicyRequest request, Func<string, PolicyExpression> resolve) => !Inner.Evaluate(request, resolve);

        public override IEnumerable<string> References() => Inner.References();
    }

    /// <summary><c>X and Y and ...</c>.</summary>
    public sealed record And(IReadOnlyList<PolicyExpression> Items) : PolicyExpression
    {
        public override bool Evaluate(PolicyRequest request, Func<string, PolicyExpression> resolve) => Items.All(i => i.Evaluate(request, resolve));

        public override IEnumerable<string> References() => Items.SelectMany(i => i.References());
    }

    /// <summary><c>X or Y or ...</c>.</summary>
    public sealed record Or(IReadOnlyList<PolicyExpression> Items) : PolicyExpression
    {
        public override bool Evaluate(PolicyRequest request, Func<string, PolicyExpression> resolve) => Items.Any(i => i.Evaluate(request, resolve));

        public override IEnumerable<string> References() => Items.SelectMany(i => i.References());
    }
}
