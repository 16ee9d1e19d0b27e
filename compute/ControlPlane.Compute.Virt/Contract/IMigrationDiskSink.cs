namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// Where the source host's driver sends the disks of a resize or cold migration (see
/// <see cref="IResizeDriver.MigrateDiskAndPowerOffAsync"/>). Implemented by the compute service: it streams the
/// bytes to the destination compute, which hands them to its own driver
/// (<see cref="IResizeDriver.ReceiveDiskAsync"/>). Hypervisor credentials never travel; memory stays flat (the
/// bytes are sent as they are written, no staging file).
/// </summary>
public interface IMigrationDiskSink
{
    /// <summary>The migration the disks belong to (the destination keys what it receives by it).</summary>
    Guid MigrationId { get; }

    /// <summary>
    /// Sends one disk: <paramref name="writeDisk"/> is called once with a write-only stream and writes the whole
    /// disk image (a VHD file for XenAPI) into it; the stream must not be disposed by the writer. Returns when the
    /// destination has received every byte, checked the byte count and SHA-256 the sink computed on the way, and
    /// stored the disk. Disks are sent one at a time in <see cref="MigrationDisk.Index"/> order. Throws
    /// <see cref="Errors.DriverOperationException"/> when the destination refuses or cannot be reached; any
    /// exception of <paramref name="writeDisk"/> aborts the transfer of that disk (the destination discards it)
    /// and is rethrown.
    /// </summary>
    Task SendAsync(MigrationDisk disk, Func<Stream, CancellationToken, Task> writeDisk, CancellationToken cancellationToken);
}
