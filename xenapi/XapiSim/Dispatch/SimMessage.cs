namespace XapiSim.Dispatch;

/// <summary>
/// One XenAPI message served by the simulator. Arity excludes the session ref; <see cref="MinArgs"/> below
/// <see cref="MaxArgs"/> models XAPI's defaulted (versioned) trailing params.
/// </summary>
public sealed record SimMessage(string Name, int MinArgs, int MaxArgs, Func<SimCall, object?> Invoke)
{
    /// <summary>False only for the login calls.</summary>
    public bool NeedsSession { get; init; } = true;

    /// <summary>Whether state must be persisted afterwards.</summary>
    public bool Mutates { get; init; } = true;

    /// <summary>Whether <c>Async.</c> is allowed (not for session.*, task.* and field accessors).</summary>
    public bool AsyncAllowed { get; init; } = true;
}
