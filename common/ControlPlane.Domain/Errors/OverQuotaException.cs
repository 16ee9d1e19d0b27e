namespace ControlPlane.Domain.Errors;

/// <summary>The project's quota does not allow this request (HTTP 403, as Nova).</summary>
public class OverQuotaException(string message, Exception? inner = null) : ControlPlaneException(message, inner)
{
    /// <inheritdoc />
    public override int HttpStatus => 403;

    /// <inheritdoc />
    public override string NovaFault => "forbidden";
}
