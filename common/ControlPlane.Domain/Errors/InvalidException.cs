namespace ControlPlane.Domain.Errors;

/// <summary>The request is malformed or names an invalid value (HTTP 400).</summary>
public class InvalidException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 400;

    /// <inheritdoc />
    public override string NovaFault => "badRequest";
}
