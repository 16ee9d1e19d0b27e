using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Errors;

namespace ControlPlane.Compute.Virt.XenApi;

/// <summary><see cref="IResizeDriver"/> of the XenAPI driver: argument checks and the XAPI error mapping around
/// <see cref="Resize.ResizeSourceOps"/> (source host) and <see cref="Resize.ResizeDestinationOps"/> (destination host).</summary>
public sealed partial class XenApiDriver
{
    /// <inheritdoc />
    public Task MigrateDiskAndPowerOffAsync(VirtInstance instance, VirtInstance newInstance, IMigrationDiskSink sink,
        TimeSpan cleanShutdownTimeout, IProgress<ResizeProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(newInstance);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(cleanShutdownTimeout, TimeSpan.Zero);
        if (newInstance.InstanceId != instance.InstanceId || newInstance.MemoryMb <= 0 || newInstance.Vcpus <= 0 || newInstance.RootGb < 0)
        {
            throw new ArgumentException($"Invalid new flavor for {instance.InstanceName}.", nameof(newInstance));
        }

        var o = Require();
        cancellationToken.ThrowIfCancellationRequested();
        return XenApiCallGuard.RunAsync(instance, "migrate the disks of",
            () => o.ResizeSource.MigrateAsync(instance, newInstance, sink, cleanShutdownTimeout, progress, cancellationToken));
    }

    /// <inheritdoc />
    public Task ReceiveDiskAsync(Guid migrationId, VirtInstance instance, MigrationDisk disk, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(disk);
        ArgumentNullException.ThrowIfNull(content);
        if (disk.Index < 0 || disk.ParentIndex is { } p && (p < 0 || p >= disk.Index) || disk.VirtualSizeBytes <= 0)
        {
            throw new ArgumentException($"Invalid migration disk {disk}.", nameof(disk));
        }

        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "receive a disk of", () => o.ResizeDestination.ReceiveAsync(migrationId, instance, disk, content, cancellationToken));
    }

    /// <inheritdoc />
    public Task FinishMigrationAsync(Guid migrationId, VirtInstance instance, bool autoDiskConfig, bool powerOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "finish the migration of", () => o.ResizeDestination.FinishAsync(migrationId, instance, autoDiskConfig, powerOn, cancellationToken));
    }

    /// <inheritdoc />
    public Task AbortIncomingMigrationAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        var o = Require();
        return XenApiCallGuard.RunAsync(options.Url, "abort an incoming migration on", async () =>
        {
            await o.ResizeDestination.AbortAsync(migrationId, cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    /// <inheritdoc />
    public Task ConfirmMigrationAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "confirm the migration of", () => o.ResizeSource.ConfirmAsync(instance, cancellationToken));
    }

    /// <inheritdoc />
    public Task FinishRevertMigrationAsync(VirtInstance instance, bool powerOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "revert the migration of", () => o.ResizeSource.RevertAsync(instance, powerOn, cancellationToken));
    }

    /// <inheritdoc />
    public Task<bool> HasOriginalAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var o = Require();
        return XenApiCallGuard.RunAsync(instance, "look for the original VM of", () => o.ResizeSource.HasOriginalAsync(instance, cancellationToken));
    }
}
