namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Optional capability of an <see cref="IVirtDriver"/>: pause an instance in memory and unpause it (Nova's
/// <c>ComputeDriver.pause</c> / <c>unpause</c>; XenAPI <c>VM.pause</c> / <c>VM.unpause</c>). The compute manager checks
/// for it with a type test. Same calling rules as <see cref="IVirtDriver"/> (initialised first, one call per instance at a
/// time, expected failures are <see cref="Errors.VirtDriverException"/>s). A paused instance keeps its resources counted.
/// </summary>
public interface IPauseDriver
{
    /// <summary>
    /// Pauses a running instance. Pre: the instance is known (else <see cref="Errors.InstanceNotFoundException"/>) and
    /// running or already paused (else <see cref="Errors.InstancePowerStateException"/> naming the actual state).
    /// Post: power state <see cref="DriverPowerState.Paused"/>. Pausing a paused instance succeeds (a redelivered request).
    /// </summary>
    Task PauseAsync(VirtInstance instance, CancellationToken cancellationToken);

    /// <summary>
    /// Unpauses a paused instance. Pre: the instance is known (else <see cref="Errors.InstanceNotFoundException"/>) and
    /// paused or already running (else <see cref="Errors.InstancePowerStateException"/>). Post: power state
    /// <see cref="DriverPowerState.Running"/>. Unpausing a running instance succeeds.
    /// </summary>
    Task UnpauseAsync(VirtInstance instance, CancellationToken cancellationToken);
}
