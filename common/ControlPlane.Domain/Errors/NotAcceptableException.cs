namespace ControlPlane.Domain.Errors;

/// <summary>The requested API microversion is not supported (HTTP 406).</summary>
public class NotAcceptableException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 406;

    /// <inheritdoc />
    public override string NovaFault => "notAcceptable";
}
