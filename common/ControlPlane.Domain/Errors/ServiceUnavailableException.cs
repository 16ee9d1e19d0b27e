namespace ControlPlane.Domain.Errors;

/// <summary>
/// A dependency (RPC peer, database, message broker, cache) did not answer in time or dropped the connection
/// (HTTP 503 with <c>Retry-After</c>; gRPC UNAVAILABLE with a <c>RetryInfo</c>).
/// </summary>
public class ServiceUnavailableException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <summary>Default <see cref="RetryAfter"/>.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public override int HttpStatus => 503;

    /// <inheritdoc />
    public override string NovaFault => "serviceUnavailable";

    /// <summary>When the client may try again (the <c>Retry-After</c> header). Default <see cref="DefaultRetryAfter"/>.</summary>
    public TimeSpan RetryAfter { get; init; } = DefaultRetryAfter;
}
