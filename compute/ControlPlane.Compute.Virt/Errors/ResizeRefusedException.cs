namespace ControlPlane.Compute.Virt.Errors;

/// <summary>
/// A resize the driver refuses before anything irreversible happened, with Nova's message (for example a resize
/// down whose root filesystem does not fit the new disk, or whose disk layout cannot be shrunk: Nova's
/// <c>ResizeError</c> raised as <c>InstanceFaultRollback</c>). The source instance is as it was before the call
/// (name, disks, power state); the compute manager records the fault and puts the instance back to ACTIVE (or
/// SHUTOFF) on its source.
/// </summary>
public sealed class ResizeRefusedException(string message, Exception? inner = null) : VirtDriverException(message, inner)
{
    /// <inheritdoc />
    public override bool Retryable => false;
}
