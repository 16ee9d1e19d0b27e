namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Optional capability of an <see cref="IVirtDriver"/>: rebuild an instance in place from another image (Nova's
/// <c>rebuild_instance</c> with the driver's default implementation: destroy the root disk, spawn from the new image).
/// The compute manager checks for it with a type test; the driver publishes <see cref="Domain.Operations.DriverFeature.Rebuild"/>.
/// Same calling rules as <see cref="IVirtDriver"/>.
/// </summary>
public interface IRebuildDriver
{
    /// <summary>
    /// Replaces the instance's root disk by a fresh one of <see cref="VirtInstance.ImageId"/> (the new image).
    /// <para>Pre: the instance is known (else <see cref="Errors.InstanceNotFoundException"/>) and not rescued (else
    /// <see cref="Errors.InstanceRescueModeException"/> with <c>Rescued</c> true, nothing changed).</para>
    /// <para>Sequence: power the VM off (hard); detach and destroy its root disk (never a cached image); create the new
    /// root disk from the image (read through <paramref name="images"/> and the driver's image cache), grown to the
    /// flavor's root size; attach it as the boot disk; start the VM when <paramref name="powerOn"/>.</para>
    /// <para>Post on success: the same VM (its hypervisor identity unchanged) on the same host boots the new image;
    /// <see cref="IVirtDriver.GetPowerStateAsync"/> is <see cref="DriverPowerState.Running"/> when
    /// <paramref name="powerOn"/>, else <see cref="DriverPowerState.Shutdown"/>. On failure the VM may be left without
    /// a root disk (the caller puts the instance in error; calling again finishes the work).</para>
    /// </summary>
    /// <param name="instance">The instance, carrying the new image id.</param>
    /// <param name="images">Where the image's bits are read from (<see cref="DriverCapabilities.ReadsImageBits"/>).</param>
    /// <param name="powerOn">Start the VM afterwards (false for an instance that was stopped).</param>
    /// <param name="cancellationToken">Cancels the rebuild.</param>
    Task RebuildAsync(VirtInstance instance, IImageSource images, bool powerOn, CancellationToken cancellationToken);
}
