using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.Virt.Errors;

/// <summary>The instance's power state does not allow the operation (XenAPI
/// <c>VM_BAD_POWER_STATE</c>).</summary>
public sealed class InstancePowerStateException(Guid instanceId, DriverPowerState actual, string operation)
    : VirtDriverException($"Cannot {operation} instance {instanceId} in power state {actual}.")
{
    /// <summary>The power state the instance was in.</summary>
    public DriverPowerState Actual { get; } = actual;

    /// <inheritdoc />
    public override bool Retryable => false;
}
