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
        Details = exception.GetType().FullName ?? exception.GetType().Name,
        Host = host,
    };

    /// <summary>The code of a failure: a missing driver feature is a conflict, everything else an internal error.</summary>
    public static FaultCode CodeOf(Exception exception) => exception switch
    {
        DriverFeatureMissingException => FaultCode.Conflict,
        _ => FaultCode.InternalError,
    };
}
