namespace ControlPlane.Domain.Errors;

/// <summary>No valid credentials or token were supplied (HTTP 401).</summary>
public class NotAuthenticatedException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 401;

    /// <inheritdoc />
    public override string NovaFault => "unauthorized";
}
