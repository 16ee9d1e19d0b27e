namespace ControlPlane.Domain.Errors;

/// <summary>The caller is authenticated but lacks the role for this call (HTTP 403).</summary>
public class ForbiddenException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 403;

    /// <inheritdoc />
    public override string NovaFault => "forbidden";
}
