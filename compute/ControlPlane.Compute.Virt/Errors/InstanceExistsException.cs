namespace ControlPlane.Compute.Virt.Errors;

/// <summary>Spawn of an instance uuid the driver already holds.</summary>
public sealed class InstanceExistsException(Guid instanceId)
    : VirtDriverException($"Instance {instanceId} already exists on this hypervisor.")
{
    /// <summary>The instance uuid.</summary>
    public Guid InstanceId { get; } = instanceId;

    /// <inheritdoc />
    public override bool Retryable => false;
}
