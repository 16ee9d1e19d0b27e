namespace ControlPlane.Domain.Context;

/// <summary>
/// The request id (<c>req-&lt;uuid&gt;</c>) of the operation the current async flow works for.
/// Set at the edge (HTTP <c>X-OpenStack-Request-ID</c>, gRPC, or the AMQP header of a consumed
/// message), carried on every outgoing RPC, and put in the scope of every log line.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<string?> CurrentId = new();

    /// <summary>The current request id, or <c>null</c> outside any request.</summary>
    public static string? Current => CurrentId.Value;

    /// <summary>Makes <paramref name="requestId"/> current until the returned scope is disposed.</summary>
    public static IDisposable Begin(string requestId)
    {
        var previous = CurrentId.Value;
        CurrentId.Value = requestId;
        return new Scope(previous);
    }

    /// <summary>A new request id in Nova's format.</summary>
    public static string NewId() => "req-" + Guid.NewGuid().ToString("D");

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentId.Value = previous;
    }
}
