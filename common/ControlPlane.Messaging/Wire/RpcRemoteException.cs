namespace ControlPlane.Messaging.Wire;

/// <summary>
/// A remote handler failed unexpectedly (not with a <c>ControlPlaneException</c>). Not an expected
/// error: it becomes a 500 at the edge.
/// </summary>
public sealed class RpcRemoteException(string kind, string message)
    : Exception($"Remote handler failed ({kind}): {message}")
{
    /// <summary>The remote error kind.</summary>
    public string Kind { get; } = kind;
}
