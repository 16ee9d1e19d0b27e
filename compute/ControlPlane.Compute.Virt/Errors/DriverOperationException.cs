namespace ControlPlane.Compute.Virt.Errors;

/// <summary>The hypervisor failed an operation (an XAPI failure, an injected fake failure, ...).</summary>
public sealed class DriverOperationException(string message, Exception? inner = null, bool retryable = true)
    : VirtDriverException(message, inner)
{
    /// <inheritdoc />
    public override bool Retryable { get; } = retryable;
}
