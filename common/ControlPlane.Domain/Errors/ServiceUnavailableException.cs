namespace ControlPlane.Domain.Errors;

/// <summary>A dependency (RPC peer, database) did not answer in time (HTTP 503).</summary>
public class ServiceUnavailableException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 503;

    /// <inheritdoc />
    public override string NovaFault => "serviceUnavailable";
}
