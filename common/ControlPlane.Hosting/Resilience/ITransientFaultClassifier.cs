namespace ControlPlane.Hosting.Resilience;

/// <summary>
/// Recognises the transient failures of one infrastructure client (Npgsql, RabbitMQ.Client, StackExchange.Redis).
/// Each data or messaging library registers its own; <see cref="TransientFaultPolicy"/> asks all of them.
/// </summary>
public interface ITransientFaultClassifier
{
    /// <summary>
    /// The kind of <paramref name="exception"/> itself (the policy walks inner exceptions). A classifier may also
    /// react to a broken connection (for example clear a connection pool that still holds dead connections).
    /// </summary>
    TransientFaultKind Classify(Exception exception);
}
