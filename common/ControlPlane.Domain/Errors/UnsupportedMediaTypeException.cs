namespace ControlPlane.Domain.Errors;

/// <summary>The request body's media type is not accepted (HTTP 415).</summary>
public class UnsupportedMediaTypeException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 415;

    /// <inheritdoc />
    public override string NovaFault => "unsupportedMediaType";
}
