namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// The hypervisor contract of one compute host (Nova's <c>virt/driver.py ComputeDriver</c>).
/// The compute manager is the only caller; it serialises calls per instance (a per-instance
/// lock), so an implementation never sees two concurrent calls for the same instance uuid, but
/// must accept concurrent calls for different instances and concurrent capacity/list calls.
/// <para>
/// Rules every implementation follows (checked by the conformance suite in
/// <c>tests/ControlPlane.Compute.DriverConformance</c>):
/// <list type="bullet">
/// <item><see cref="InitHostAsync"/> is called once, before any other member; other members
/// throw <see cref="InvalidOperationException"/> before it.</item>
/// <item>Expected failures are <see cref="Errors.VirtDriverException"/> subclasses; anything else
/// is a bug. A hypervisor-side id (XenAPI <c>OpaqueRef</c>, ...) never leaves the driver:
/// instances are named by <see cref="VirtInstance.InstanceId"/> only.</item>
/// <item>Cancellation: a cancelled call throws <see cref="OperationCanceledException"/> and may
/// leave partial state that <see cref="DestroyAsync"/> removes.</item>
/// </list>
/// </para>
/// </summary>
public interface IVirtDriver
{
    /// <summary>What this driver can do; constant for the driver's lifetime.</summary>
    DriverCapabilities Capabilities { get; }

    /// <summary>
    /// Connects to the hypervisor and prepares the host (Nova <c>init_host</c>).
    /// Pre: first call on this driver. Post: every other member may be called.
    /// Throws <see cref="Errors.VirtDriverException"/> if the hypervisor cannot be reached.
    /// </summary>
    /// <param name="host">The compute host name (<c>Compute:Host</c>), used in reports.</param>
    /// <param name="cancellationToken">Cancels the initialisation.</param>
    Task InitHostAsync(string host, CancellationToken cancellationToken);

    /// <summary>
    /// Total and used resources of the host as the hypervisor sees them (Nova
    /// <c>get_available_resource</c>). Pre: initialised. Post: <c>*Used</c> counts every
    /// instance the driver knows (running or not, including one still spawning), never a
    /// negative or estimated figure; <see cref="HostCapacity.RunningVms"/> equals the number of
    /// uuids <see cref="ListInstancesAsync"/> returns at the same moment.
    /// </summary>
    Task<HostCapacity> GetHostCapacityAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates the instance's VM and disks from its image and starts it (Nova <c>spawn</c>).
    /// Pre: initialised; <paramref name="instance"/> is not known to the driver (else
    /// <see cref="Errors.InstanceExistsException"/>). Post on success: the uuid is listed by
    /// <see cref="ListInstancesAsync"/>, <see cref="GetPowerStateAsync"/> is
    /// <see cref="DriverPowerState.Running"/>, and its flavor is counted in the used capacity.
    /// On failure: throws a <see cref="Errors.VirtDriverException"/>
    /// (<see cref="Errors.InsufficientResourcesException"/> when the host lacks memory, vcpus or
    /// disk, which leaves nothing behind); other failures may leave partial state, which the
    /// caller removes with <see cref="DestroyAsync"/>.
    /// </summary>
    /// <param name="instance">The instance to create.</param>
    /// <param name="images">Where the image bits are read from, if the driver needs them
    /// (<see cref="DriverCapabilities.ReadsImageBits"/>).</param>
    /// <param name="cancellationToken">Cancels the spawn.</param>
    Task SpawnAsync(VirtInstance instance, IImageSource images, CancellationToken cancellationToken);

    /// <summary>
    /// Powers the instance off (hard) and deletes its VM and its own disks, never shared ones such
    /// as a cached image (Nova <c>destroy</c>). Idempotent: destroying an instance the driver does
    /// not know, or a half-spawned one, succeeds. Post: the uuid is no longer listed and its
    /// resources are no longer counted as used.
    /// </summary>
    Task DestroyAsync(VirtInstance instance, CancellationToken cancellationToken);

    /// <summary>
    /// Stops the instance: a clean shutdown, then a hard one when <paramref name="timeout"/>
    /// passes (<see cref="TimeSpan.Zero"/> = hard at once). Pre: the instance is known (else
    /// <see cref="Errors.InstanceNotFoundException"/>). Post: power state
    /// <see cref="DriverPowerState.Shutdown"/>; its resources stay counted as used. Powering off
    /// an instance already shut down succeeds.
    /// </summary>
    Task PowerOffAsync(VirtInstance instance, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a stopped instance. Pre: the instance is known (else
    /// <see cref="Errors.InstanceNotFoundException"/>). Post: power state
    /// <see cref="DriverPowerState.Running"/>. Powering on a running instance succeeds.
    /// </summary>
    Task PowerOnAsync(VirtInstance instance, CancellationToken cancellationToken);

    /// <summary>
    /// Reboots the instance. Soft (<paramref name="hard"/> false): pre the instance is running,
    /// else <see cref="Errors.InstancePowerStateException"/>. Hard: from any power state.
    /// Pre: the instance is known (else <see cref="Errors.InstanceNotFoundException"/>).
    /// Post: power state <see cref="DriverPowerState.Running"/>.
    /// </summary>
    Task RebootAsync(VirtInstance instance, bool hard, CancellationToken cancellationToken);

    /// <summary>
    /// The instance's current power state as the hypervisor reports it. Pre: the instance is
    /// known (else <see cref="Errors.InstanceNotFoundException"/>).
    /// </summary>
    Task<DriverPowerState> GetPowerStateAsync(VirtInstance instance, CancellationToken cancellationToken);

    /// <summary>
    /// The uuids of every instance the hypervisor holds for this control plane (whatever their
    /// power state, including half-spawned ones), in no particular order. VMs the control plane
    /// did not create (no instance uuid) are not listed.
    /// </summary>
    Task<IReadOnlyCollection<Guid>> ListInstancesAsync(CancellationToken cancellationToken);
}
