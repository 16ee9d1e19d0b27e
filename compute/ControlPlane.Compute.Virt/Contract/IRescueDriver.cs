namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Optional capability of an <see cref="IVirtDriver"/>: rescue and unrescue an instance (Nova's
/// <c>ComputeDriver.rescue</c> / <c>unrescue</c>; reference section C). While rescued, the instance's own VM is
/// powered off and bootlocked (nothing can start it) and a second VM named <see cref="VirtInstance.RescueName"/>
/// runs the rescue image with the instance's root disk attached as its second disk. The compute manager checks
/// for the capability with a type test. Same calling rules as <see cref="IVirtDriver"/> (initialised first, one
/// call per instance at a time, expected failures are <see cref="Errors.VirtDriverException"/>s).
/// <para>Other members of <see cref="IVirtDriver"/> on a rescued instance: <see cref="IVirtDriver.GetPowerStateAsync"/>
/// reports the rescue VM's power state; <see cref="IVirtDriver.PowerOnAsync"/> and a hard
/// <see cref="IVirtDriver.RebootAsync"/> fail (the bootlock) with a non-retryable
/// <see cref="Errors.DriverOperationException"/>; <see cref="IVirtDriver.ListInstancesAsync"/> lists the uuid once;
/// <see cref="IVirtDriver.DestroyAsync"/> removes both VMs and all their disks (never a cached image).</para>
/// </summary>
public interface IRescueDriver
{
    /// <summary>
    /// Rescues <paramref name="instance"/> with the image <paramref name="rescueImageId"/>.
    /// <para>Pre: the instance is known (else <see cref="Errors.InstanceNotFoundException"/>) and not rescued, not
    /// even partly (else <see cref="Errors.InstanceRescueModeException"/> with <c>Rescued</c> true, nothing changed).</para>
    /// <para>Sequence: power the instance off (clean, hard once <paramref name="cleanShutdownTimeout"/> passes;
    /// <see cref="TimeSpan.Zero"/> = hard at once); bootlock it; create the rescue VM with the instance's memory and
    /// vcpus, its first disk (device 0, bootable) a fresh disk of the rescue image (read through
    /// <paramref name="images"/> and the driver's image cache), its second disk (device 1, read-write, not
    /// bootable) the instance's own root disk; start it.</para>
    /// <para>Post on success: <see cref="GetRescueStateAsync"/> is <see cref="RescueState.Rescued"/>. On failure
    /// the driver rolls back: the rescue VM and its own disks are removed, the bootlock lifted and the instance
    /// powered on again if it was running; the error propagates.</para>
    /// </summary>
    /// <param name="instance">The instance to rescue.</param>
    /// <param name="rescueImageId">The image the rescue VM boots from.</param>
    /// <param name="images">Where the rescue image's bits are read from (<see cref="DriverCapabilities.ReadsImageBits"/>).</param>
    /// <param name="cleanShutdownTimeout">How long a clean shutdown of the instance may take before a hard one.</param>
    /// <param name="cancellationToken">Cancels the rescue (partial state is removed by <see cref="UnrescueAsync"/>).</param>
    Task RescueAsync(VirtInstance instance, Guid rescueImageId, IImageSource images, TimeSpan cleanShutdownTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the rescue: stops (hard) and removes the rescue VM and the disks that belong only to it (never the
    /// instance's own disks, never a cached image), lifts the bootlock and, when <paramref name="powerOn"/>, starts
    /// the instance's own VM. Also clears a partial rescue (an interrupted <see cref="RescueAsync"/>).
    /// <para>Pre: the instance is known (else <see cref="Errors.InstanceNotFoundException"/>) and its state is
    /// <see cref="RescueState.Rescued"/> or <see cref="RescueState.Partial"/> (else
    /// <see cref="Errors.InstanceRescueModeException"/> with <c>Rescued</c> false, nothing changed).</para>
    /// <para>Post: <see cref="RescueState.NotRescued"/>; power state <see cref="DriverPowerState.Running"/> when
    /// <paramref name="powerOn"/>, else <see cref="DriverPowerState.Shutdown"/>.</para>
    /// </summary>
    /// <param name="instance">The rescued instance.</param>
    /// <param name="powerOn">Start the instance afterwards (false only to roll back a rescue of a stopped instance).</param>
    /// <param name="cancellationToken">Cancels the unrescue (calling it again finishes the work).</param>
    Task UnrescueAsync(VirtInstance instance, bool powerOn, CancellationToken cancellationToken);

    /// <summary>
    /// Where the instance stands (read by the compute's start-up reconciler after a crash). Pre: the instance is
    /// known (else <see cref="Errors.InstanceNotFoundException"/>).
    /// </summary>
    Task<RescueState> GetRescueStateAsync(VirtInstance instance, CancellationToken cancellationToken);
}
