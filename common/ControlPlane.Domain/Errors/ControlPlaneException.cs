namespace ControlPlane.Domain.Errors;

/// <summary>
/// Root of the expected-error hierarchy. Each subclass maps to one HTTP status and one
/// gRPC status code at the edge (REST: Nova's error body; gRPC: google.rpc.Status).
/// Anything that is not a <see cref="ControlPlaneException"/> is a bug and becomes a 500.
/// </summary>
public abstract class ControlPlaneException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>HTTP status code returned to REST clients.</summary>
    public abstract int HttpStatus { get; }

    /// <summary>Nova's error body key, e.g. <c>badRequest</c>, <c>itemNotFound</c>.</summary>
    public abstract string NovaFault { get; }
}
