namespace ControlPlane.Domain.Operations;

/// <summary>
/// The code of an instance fault (the <c>fault.code</c> of a server in ERROR, Nova's <c>instance_faults.code</c>),
/// an HTTP status as Nova records it. Named so that no fault is written as a bare number.
/// </summary>
public enum FaultCode
{
    /// <summary>The request could not be carried out as sent (malformed instance data).</summary>
    BadRequest = 400,

    /// <summary>The operation conflicts with what the host can do (a driver feature is missing).</summary>
    Conflict = 409,

    /// <summary>The operation failed on the host (a driver or unexpected failure; Nova's default).</summary>
    InternalError = 500,
}
