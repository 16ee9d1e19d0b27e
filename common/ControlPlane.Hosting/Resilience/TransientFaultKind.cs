namespace ControlPlane.Hosting.Resilience;

/// <summary>What an infrastructure failure tells about the work that met it.</summary>
public enum TransientFaultKind
{
    /// <summary>Not a transient infrastructure fault (a bug, a constraint violation, an expected error).</summary>
    None,

    /// <summary>
    /// The dependency could not be reached before the work was sent (connection refused, the server not yet
    /// accepting connections, a broker connection not open): nothing ran, any work may be retried.
    /// </summary>
    NotStarted,

    /// <summary>
    /// The connection broke while the work was under way (admin shutdown, reset, timeout): only idempotent work
    /// (or work in a transaction that was never committed) may be retried.
    /// </summary>
    Interrupted,
}
