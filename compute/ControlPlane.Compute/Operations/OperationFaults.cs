using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Operations;

/// <summary>The instance faults a compute host records (Nova's <c>wrap_instance_fault</c>).</summary>
public static class OperationFaults
{
    /// <summary>A fault for <paramref name="exception"/>: its message when it is an expected failure (a
    /// driver or control-plane error), a generic text otherwise (no internals leak to the user).</summary>
    public static InstanceFault From(Exception exception, string host, FaultCode code = FaultCode.InternalError) => new()
    {
        Code = (int)code,
        Message = exception is VirtDriverException or ControlPlaneException
            ? exception.Message
            : "Unexpected " + exception.GetType().Name + " on the compute host.",
        Details = Chain(exception),
        Host = host,
    };

    /// <summary>
    /// The exception chain as the fault's details (shown to admins only): each type, and for expected failures and
    /// their causes (driver, control-plane and hypervisor errors such as an SR's <c>SR_BACKEND_FAILURE_109</c>) the
    /// message, outermost first, joined by <c> ---&gt; </c>.
    /// </summary>
    public static string Chain(Exception exception)
    {
        var parts = new List<string>();
        var expected = exception is VirtDriverException or ControlPlaneException;
        for (var e = exception; e is not null && parts.Count < 8; e = e.InnerException)
        {
            var type = e.GetType().FullName ?? e.GetType().Name;
            parts.Add(expected ? $"{type}: {e.Message}" : type);
        }
        return string.Join(" ---> ", parts);
    }

    /// <summary>The code of a failure: a missing driver feature is a conflict, everything else an internal error.</summary>
    public static FaultCode CodeOf(Exception exception) => exception switch
    {
        DriverFeatureMissingException => FaultCode.Conflict,
        _ => FaultCode.InternalError,
    };
}
