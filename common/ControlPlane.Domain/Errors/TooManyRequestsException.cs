namespace ControlPlane.Domain.Errors;

/// <summary>The caller is being throttled (HTTP 429 with <c>Retry-After</c>; gRPC ResourceExhausted).</summary>
public class TooManyRequestsException(string message, TimeSpan retryAfter) : ControlPlaneException(message)
{
    /// <summary>How long the caller should wait before trying again (sent as whole seconds, at least 1).</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <inheritdoc />
    public override int HttpStatus => 429;

    /// <inheritdoc />
    public override string NovaFault => "overLimit";
}
