namespace ControlPlane.Compute.Virt.Errors;

/// <summary>
/// Root of the expected failures of a virt driver. The compute manager turns them into instance
/// faults and reports; they never reach an API user directly.
/// </summary>
public abstract class VirtDriverException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// True when the same operation may succeed on another host (a build that fails with a
    /// retryable error is rescheduled); false when it would fail anywhere (e.g. a missing image).
    /// </summary>
    public abstract bool Retryable { get; }
}
