namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Optional capability of an <see cref="IVirtDriver"/>: resize and cold migration between hosts (Nova's
/// <c>migrate_disk_and_power_off</c>, <c>finish_migration</c>, <c>confirm_migration</c>,
/// <c>finish_revert_migration</c>; reference section B). A driver that implements it lists
/// <see cref="ControlPlane.Domain.Operations.DriverFeature.Resize"/> in its capabilities. Same calling rules as
/// <see cref="IVirtDriver"/>. Source and destination are always different hosts (and different driver objects).
/// <para>The flow: source <see cref="MigrateDiskAndPowerOffAsync"/> (its disks reach the destination through the
/// sink, which calls the destination's <see cref="ReceiveDiskAsync"/>); destination
/// <see cref="FinishMigrationAsync"/> (the instance is then in VERIFY_RESIZE); then either source
/// <see cref="ConfirmMigrationAsync"/>, or destination <see cref="IVirtDriver.DestroyAsync"/> followed by source
/// <see cref="FinishRevertMigrationAsync"/>. A migration abandoned before <see cref="FinishMigrationAsync"/> is
/// cleaned with source <see cref="FinishRevertMigrationAsync"/> and destination
/// <see cref="AbortIncomingMigrationAsync"/>.</para>
/// </summary>
public interface IResizeDriver
{
    /// <summary>
    /// Source host: keeps the instance's VM as <c>&lt;InstanceName&gt;-orig</c> (powered off at the end, disks
    /// kept) and sends its root chain to <paramref name="sink"/>: snapshot (with the coalesce wait), the immutable
    /// chain members while the VM runs, a clean shutdown (hard once <paramref name="cleanShutdownTimeout"/>
    /// passes), then the leaf. When <paramref name="newInstance"/>'s <see cref="VirtInstance.RootGb"/> is smaller
    /// than the current root disk the disk is shrunk first (check, shrink the filesystem, copy into a disk of the
    /// new size) and only that disk is sent; a filesystem that does not fit or a layout that cannot be shrunk is a
    /// <see cref="Errors.ResizeRefusedException"/> thrown before the VM is touched.
    /// <para>Pre: the instance is known, not rescued, not already being migrated (else
    /// <see cref="Errors.InstanceNotFoundException"/> / <see cref="Errors.DriverOperationException"/>).</para>
    /// <para>Post on success: <c>-orig</c> exists, powered off; the uuid is still listed. On failure the driver
    /// rolls back on the source (name restored, temporary snapshots removed, powered on again if it was running)
    /// and the error propagates; what reached the destination is the caller's to abort.</para>
    /// </summary>
    /// <param name="instance">The instance as it is now (old flavor).</param>
    /// <param name="newInstance">The same instance with the new flavor (memory, vcpus, root size).</param>
    /// <param name="sink">Where the disks go.</param>
    /// <param name="cleanShutdownTimeout">How long a clean shutdown may take before a hard one.</param>
    /// <param name="progress">Receives <see cref="ResizeProgress.Snapshotted"/> .. <see cref="ResizeProgress.LeafSent"/>.</param>
    /// <param name="cancellationToken">Cancels the migration (the source is rolled back as on failure).</param>
    Task MigrateDiskAndPowerOffAsync(VirtInstance instance, VirtInstance newInstance, IMigrationDiskSink sink,
        TimeSpan cleanShutdownTimeout, IProgress<ResizeProgress> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Destination host: stores one disk of an incoming migration, read from <paramref name="content"/> to its end
    /// (memory stays flat: written to the hypervisor as it is read). Called by the compute service for each disk
    /// the source sends, in order. Receiving a disk index again replaces the earlier copy (a retried transfer).
    /// A disk whose bytes are not a valid image of <paramref name="disk"/>'s size is refused with
    /// <see cref="Errors.DriverOperationException"/> and nothing of it is kept. The caller verifies byte count and
    /// digest and calls <see cref="AbortIncomingMigrationAsync"/> when they do not match.
    /// </summary>
    /// <param name="migrationId">The migration (<see cref="IMigrationDiskSink.MigrationId"/>).</param>
    /// <param name="instance">The instance with its new flavor.</param>
    /// <param name="disk">Which disk this is.</param>
    /// <param name="content">The disk image bytes.</param>
    /// <param name="cancellationToken">Cancels the receive (the partial disk is removed).</param>
    Task ReceiveDiskAsync(Guid migrationId, VirtInstance instance, MigrationDisk disk, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Destination host: builds the instance from the disks received for <paramref name="migrationId"/> (the chain
    /// rebuilt in this host's storage), grows the root disk to <paramref name="instance"/>'s root size when it is
    /// larger (and the filesystem when <paramref name="autoDiskConfig"/>), creates the VM with the new memory and
    /// vcpus, and starts it when <paramref name="powerOn"/>. Pre: every disk up to the leaf was received (else
    /// <see cref="Errors.DriverOperationException"/>). Post: the uuid is listed here and its flavor counted; the
    /// received disks now belong to the instance (destroyed with it).
    /// </summary>
    Task FinishMigrationAsync(Guid migrationId, VirtInstance instance, bool autoDiskConfig, bool powerOn,
        CancellationToken cancellationToken);

    /// <summary>
    /// Destination host: removes every disk received for <paramref name="migrationId"/> that no instance uses yet.
    /// Idempotent; unknown migrations succeed.
    /// </summary>
    Task AbortIncomingMigrationAsync(Guid migrationId, CancellationToken cancellationToken);

    /// <summary>
    /// Source host, on confirm: destroys the <c>-orig</c> VM and all its disks (never a cached image). Idempotent.
    /// Post: the uuid is no longer listed on the source and its old flavor no longer counted.
    /// </summary>
    Task ConfirmMigrationAsync(VirtInstance instance, CancellationToken cancellationToken);

    /// <summary>
    /// Source host, on revert (after the destination destroyed its copy) or to abandon a migration: renames
    /// <c>-orig</c> back, removes temporary snapshots, and starts the VM when <paramref name="powerOn"/>.
    /// Idempotent: an instance that is already back (no <c>-orig</c>) only gets its power state set.
    /// </summary>
    Task FinishRevertMigrationAsync(VirtInstance instance, bool powerOn, CancellationToken cancellationToken);

    /// <summary>
    /// Source host: true while the instance's VM is kept as <c>-orig</c> (a migration left it so), read by the
    /// start-up reconciler after a crash.
    /// </summary>
    Task<bool> HasOriginalAsync(VirtInstance instance, CancellationToken cancellationToken);
}
