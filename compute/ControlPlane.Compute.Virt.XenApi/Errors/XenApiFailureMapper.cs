using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.XenApi.Errors;

namespace ControlPlane.Compute.Virt.XenApi.Errors;

/// <summary>Turns XAPI failures into the driver's typed exceptions (never leaking an OpaqueRef to callers).</summary>
public static class XenApiFailureMapper
{
    /// <summary>XAPI's code for a start without enough host memory.</summary>
    public const string HostNotEnoughFreeMemory = "HOST_NOT_ENOUGH_FREE_MEMORY";

    /// <summary>Maps <paramref name="failure"/> raised while doing <paramref name="operation"/> to <paramref name="instance"/>.</summary>
    public static VirtDriverException Map(XenApiFailure failure, VirtInstance instance, string operation) => failure.Code switch
    {
        HostNotEnoughFreeMemory => new InsufficientResourcesException(
            $"Host has not enough free memory to {operation} {instance.InstanceName}: {Describe(failure)}"),
        XenApiErrorCodes.SrFull or XenApiErrorCodes.SrBackendFailureNoSpace => new InsufficientResourcesException(
            $"The SR has no space to {operation} {instance.InstanceName}: {Describe(failure)}"),
        XenApiErrorCodes.OperationBlocked => new DriverOperationException(
            $"Cannot {operation} {instance.InstanceName}: the operation is blocked on its VM (bootlocked while rescued): {Describe(failure)}", failure, retryable: false),
        XenApiErrorCodes.VmBadPowerState => new InstancePowerStateException(instance.InstanceId, ToPowerState(failure), operation),
        XenApiErrorCodes.HandleInvalid or XenApiErrorCodes.UuidInvalid => new DriverOperationException(
            $"{operation} {instance.InstanceName}: an object vanished meanwhile ({failure.Code})", failure, retryable: true),
        XenApiErrorCodes.SessionAuthenticationFailed => new DriverOperationException(
            $"{operation} {instance.InstanceName}: XAPI refused the driver's credentials", failure, retryable: false),
        _ when failure.IsSrBackendFailure => new DriverOperationException(
            $"The storage repository refused to {operation} {instance.InstanceName}: {DescribeSr(failure)}", failure, retryable: true),
        _ => new DriverOperationException($"{operation} {instance.InstanceName} failed: {Describe(failure)}", failure,
            retryable: failure.Code is not (XenApiErrorCodes.VmIsTemplate or XenApiErrorCodes.InvalidValue or XenApiErrorCodes.FieldTypeError)),
    };

    /// <summary>The XAPI error without object refs (they are session-scoped and meaningless to callers).</summary>
    public static string Describe(XenApiFailure failure) =>
        failure.Parameters.Count == 0
            ? failure.Code
            : $"{failure.Code} [{string.Join(", ", failure.Parameters.Where(p => !p.StartsWith("OpaqueRef:", StringComparison.Ordinal)))}]";

    /// <summary>An SM failure <c>SR_BACKEND_FAILURE_n ["", reason, stderr]</c> as <c>SR_BACKEND_FAILURE_n: reason</c>.</summary>
    public static string DescribeSr(XenApiFailure failure)
    {
        var text = failure.Parameters.Where(p => !string.IsNullOrWhiteSpace(p) && !p.StartsWith("OpaqueRef:", StringComparison.Ordinal)).ToList();
        return text.Count == 0 ? failure.Code : $"{failure.Code}: {string.Join("; ", text)}";
    }

    /// <summary>XAPI <c>power_state</c> (any case) to the driver's power state.</summary>
    public static DriverPowerState ToPowerState(string xapiPowerState) => xapiPowerState.ToLowerInvariant() switch
    {
        "running" => DriverPowerState.Running,
        "paused" => DriverPowerState.Paused,
        "halted" => DriverPowerState.Shutdown,
        "suspended" => DriverPowerState.Suspended,
        "crashed" => DriverPowerState.Crashed,
        _ => DriverPowerState.NoState,
    };

    /// <summary>The actual state of a <c>VM_BAD_POWER_STATE [vm, expected, actual]</c>.</summary>
    private static DriverPowerState ToPowerState(XenApiFailure failure) =>
        failure.Parameters.Count >= 3 ? ToPowerState(failure.Parameters[2]) : DriverPowerState.NoState;
}
