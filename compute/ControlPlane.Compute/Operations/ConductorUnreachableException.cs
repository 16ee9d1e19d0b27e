namespace ControlPlane.Compute.Operations;

/// <summary>
/// A report to the conductor could not be sent (broker down, publisher confirm missing). Thrown
/// from handlers instead of the messaging layer's <c>ServiceUnavailableException</c> on purpose: a
/// <c>ControlPlaneException</c> dead-letters the message at once, whereas this transient failure
/// must requeue it so the (idempotent) operation is redone and reported once the broker is back.
/// </summary>
public sealed class ConductorUnreachableException(string message, Exception inner) : Exception(message, inner);
