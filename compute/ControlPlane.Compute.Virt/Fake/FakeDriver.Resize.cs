using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>
/// FakeDriver's resize and cold migration (<see cref="IResizeDriver"/>): the source keeps the VM as <c>-orig</c> (still
/// counted with its old flavor until confirm or revert) and sends one real disk image through the sink: a small
/// fake disk whose bytes encode the instance (<see cref="FakeDiskImage"/>), so the destination checks what it received.
/// The destination counts the new flavor from the moment it builds the VM. Progress 20/40/60/80 as the XenAPI driver.
/// </summary>
public sealed partial class FakeDriver : IResizeDriver
{
    private readonly Dictionary<Guid, FakeVm> _originals = [];
    private readonly Dictionary<Guid, Dictionary<int, byte[]>> _incoming = [];

    /// <inheritdoc />
    public async Task MigrateDiskAndPowerOffAsync(VirtInstance instance, VirtInstance newInstance, IMigrationDiskSink sink,
        TimeSpan cleanShutdownTimeout, IProgress<ResizeProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(newInstance);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(progress);
        ValidateFlavor(newInstance);
        DriverPowerState before;
        lock (_gate)
        {
            var vm = Find(instance);
            if (vm.Rescue is not null || vm.Bootlocked)
            {
                throw new DriverOperationException($"Cannot migrate {instance.InstanceName}: it is rescued.", retryable: false);
            }
            if (_originals.ContainsKey(instance.InstanceId))
            {
                throw new DriverOperationException($"Instance {instance.InstanceName} is already being migrated.", retryable: false);
            }
            before = vm.Power;
            _originals[instance.InstanceId] = vm;
        }
        try
        {
            progress.Report(ResizeProgress.Snapshotted);
            progress.Report(ResizeProgress.ImmutableDisksSent);
            SetOriginalPower(instance.InstanceId, DriverPowerState.Shutdown);
            progress.Report(ResizeProgress.PoweredOff);
            var image = FakeDiskImage.For(instance);
            await sink.SendAsync(new MigrationDisk(0, null, FakeDiskImage.VirtualSize(newInstance), IsLeaf: true),
                (stream, ct) => stream.WriteAsync(image, ct).AsTask(), cancellationToken).ConfigureAwait(false);
            progress.Report(ResizeProgress.LeafSent);
        }
        catch
        {
            lock (_gate)
            {
                _originals.Remove(instance.InstanceId);
                if (_vms.GetValueOrDefault(instance.InstanceId) is { } vm)
                {
                    vm.Power = before;
                }
            }
            throw;
        }
    }

    /// <inheritdoc />
    public async Task ReceiveDiskAsync(Guid migrationId, VirtInstance instance, MigrationDisk disk, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(disk);
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        if (!FakeDiskImage.IsImageOf(bytes, instance))
        {
            throw new DriverOperationException($"Disk {disk.Index} of migration {migrationId} is not a disk image of {instance.InstanceName}.", retryable: false);
        }
        lock (_gate)
        {
            if (!_incoming.TryGetValue(migrationId, out var disks))
            {
                _incoming[migrationId] = disks = [];
            }
            disks[disk.Index] = bytes;
        }
    }

    /// <inheritdoc />
    public Task FinishMigrationAsync(Guid migrationId, VirtInstance instance, bool autoDiskConfig, bool powerOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ValidateFlavor(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            RequireHost();
            if (!_incoming.TryGetValue(migrationId, out var disks) || !disks.ContainsKey(0))
            {
                throw new DriverOperationException($"Migration {migrationId}: no disk was received for {instance.InstanceName}.");
            }
            if (_vms.ContainsKey(instance.InstanceId))
            {
                throw new InstanceExistsException(instance.InstanceId);
            }
            EnsureRoomFor(instance);
            _vms[instance.InstanceId] = new FakeVm(instance) { Power = powerOn ? DriverPowerState.Running : DriverPowerState.Shutdown };
            _incoming.Remove(migrationId);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbortIncomingMigrationAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _incoming.Remove(migrationId);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ConfirmMigrationAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            if (_originals.Remove(instance.InstanceId))
            {
                _vms.Remove(instance.InstanceId);
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task FinishRevertMigrationAsync(VirtInstance instance, bool powerOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            _originals.Remove(instance.InstanceId);
            Find(instance).Power = powerOn ? DriverPowerState.Running : DriverPowerState.Shutdown;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> HasOriginalAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            return Task.FromResult(_originals.ContainsKey(instance.InstanceId));
        }
    }

    private void SetOriginalPower(Guid instanceId, DriverPowerState power)
    {
        lock (_gate)
        {
            _originals[instanceId].Power = power;
        }
    }
}
