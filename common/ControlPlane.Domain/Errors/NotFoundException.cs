namespace ControlPlane.Domain.Errors;

/// <summary>The object does not exist or belongs to another project (HTTP 404).</summary>
public class NotFoundException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 404;

    /// <inheritdoc />
    public override string NovaFault => "itemNotFound";
}
