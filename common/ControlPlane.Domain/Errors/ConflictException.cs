namespace ControlPlane.Domain.Errors;

/// <summary>The object is in a state that does not allow this operation (HTTP 409).</summary>
public class ConflictException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 409;

    /// <inheritdoc />
    public override string NovaFault => "conflictingRequest";
}
