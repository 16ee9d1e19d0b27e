namespace ControlPlane.Compute.Virt.Errors;

/// <summary>The host lacks memory, vcpus or disk for an instance (Nova
/// <c>ComputeResourcesUnavailable</c>). Retryable: another host may have room.</summary>
public sealed class InsufficientResourcesException(string message) : VirtDriverException(message)
{
    /// <inheritdoc />
    public override bool Retryable => true;
}
