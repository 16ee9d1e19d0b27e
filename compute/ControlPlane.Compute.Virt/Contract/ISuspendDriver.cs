namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Optional capability of an <see cref="IVirtDriver"/>: suspend an instance to disk and resume it (Nova's
/// <c>ComputeDriver.suspend</c> / <c>resume</c>; XenAPI <c>VM.suspend</c> / <c>VM.resume(vm, false, false)</c>). The
/// compute manager checks for it with a type test. Same calling rules as <see cref="IVirtDriver"/>. A suspended instance
/// stays listed and keeps its resources counted; whatever holds its memory image (XenAPI: the suspend VDI) belongs to
/// the instance: <see cref="ResumeAsync"/> and <see cref="IVirtDriver.DestroyAsync"/> remove it.
/// </summary>
public interface ISuspendDriver
{
    /// <summary>
    /// Suspends a running instance. Pre: the instance is known (else <see cref="Errors.InstanceNotFoundException"/>) and
    /// running or already suspended (else <see cref="Errors.InstancePowerStateException"/>: a paused or stopped instance
    /// cannot be suspended). Post: power state <see cref="DriverPowerState.Suspended"/>. Suspending a suspended instance
    /// succeeds (a redelivered request).
    /// </summary>
    Task SuspendAsync(VirtInstance instance, CancellationToken cancellationToken);

    /// <summary>
    /// Resumes a suspended instance. Pre: the instance is known (else <see cref="Errors.InstanceNotFoundException"/>) and
    /// suspended or already running (else <see cref="Errors.InstancePowerStateException"/>). Post: power state
    /// <see cref="DriverPowerState.Running"/> and no memory image left behind. Resuming a running instance succeeds.
    /// </summary>
    Task ResumeAsync(VirtInstance instance, CancellationToken cancellationToken);
}
