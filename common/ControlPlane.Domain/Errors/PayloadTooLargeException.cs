namespace ControlPlane.Domain.Errors;

/// <summary>The request body exceeds the configured size cap (HTTP 413).</summary>
public class PayloadTooLargeException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 413;

    /// <inheritdoc />
    public override string NovaFault => "requestEntityTooLarge";
}
