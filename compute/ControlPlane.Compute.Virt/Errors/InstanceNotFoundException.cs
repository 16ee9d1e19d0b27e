namespace ControlPlane.Compute.Virt.Errors;

/// <summary>An operation on an instance uuid the driver does not hold.</summary>
public sealed class InstanceNotFoundException(Guid instanceId)
    : VirtDriverException($"Instance {instanceId} could not be found on this hypervisor.")
{
    /// <summary>The instance uuid.</summary>
    public Guid InstanceId { get; } = instanceId;

    /// <inheritdoc />
    public override bool Retryable => false;
}
