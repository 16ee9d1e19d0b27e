using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>
/// The post-conditions of <see cref="IResizeDriver"/> (see its documentation), checked against any driver that lists
/// <c>DriverFeature.Resize</c>: two drivers of the same kind on two hosts, the disks moving through a
/// <see cref="PipeMigrationSink"/>. A driver's test class derives from this one and supplies the two drivers (not yet
/// initialised), an image source and a bootable image id.
/// </summary>
public abstract class ResizeConformanceTests : IAsyncLifetime
{
    private readonly List<VirtInstance> spawned = [];
    private IVirtDriver? source;
    private IVirtDriver? destination;

    /// <summary>The source host's driver.</summary>
    protected IVirtDriver Source => source ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The destination host's driver.</summary>
    protected IVirtDriver Destination => destination ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>A bootable image id <see cref="CreateImageSource"/> serves.</summary>
    protected abstract Guid ImageId { get; }

    /// <summary>Two new drivers on two different hosts (source first), not yet initialised.</summary>
    protected abstract Task<(IVirtDriver Source, IVirtDriver Destination)> CreateDriversAsync();

    /// <summary>Where spawns read images from.</summary>
    protected abstract IImageSource CreateImageSource();

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        (source, destination) = await CreateDriversAsync();
        await source.InitHostAsync("resize-source", CancellationToken.None);
        await destination.InitHostAsync("resize-destination", CancellationToken.None);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var driver in new[] { source, destination })
        {
            if (driver is null)
            {
                continue;
            }

            foreach (var instance in spawned)
            {
                await driver.DestroyAsync(instance, CancellationToken.None);
            }

            if (driver is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Resize_moves_the_instance_and_confirm_leaves_it_only_on_the_destination()
    {
        var (instance, bigger) = await SpawnAsync();
        var progress = new List<ResizeProgress>();
        var sink = new PipeMigrationSink(Resizer(Destination), bigger);

        await Resizer(Source).MigrateDiskAndPowerOffAsync(instance, bigger, sink, TimeSpan.FromSeconds(5), new RecordingProgress(progress), CancellationToken.None);

        Assert.Equal(ResizeProgress.LeafSent, progress[^1]);
        Assert.True(progress.SequenceEqual(progress.Order()));
        Assert.True(sink.Sent.Count > 0 && sink.Sent[^1].Disk.IsLeaf);
        Assert.True(await Resizer(Source).HasOriginalAsync(instance, CancellationToken.None));
        Assert.Contains(instance.InstanceId, await Source.ListInstancesAsync(CancellationToken.None));
        Assert.Equal(DriverPowerState.Shutdown, await Source.GetPowerStateAsync(instance, CancellationToken.None));

        await Resizer(Destination).FinishMigrationAsync(sink.MigrationId, bigger, autoDiskConfig: false, powerOn: true, CancellationToken.None);
        Assert.Contains(instance.InstanceId, await Destination.ListInstancesAsync(CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await Destination.GetPowerStateAsync(bigger, CancellationToken.None));

        await Resizer(Source).ConfirmMigrationAsync(instance, CancellationToken.None);
        await Resizer(Source).ConfirmMigrationAsync(instance, CancellationToken.None);
        Assert.DoesNotContain(instance.InstanceId, await Source.ListInstancesAsync(CancellationToken.None));
        Assert.False(await Resizer(Source).HasOriginalAsync(instance, CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await Destination.GetPowerStateAsync(bigger, CancellationToken.None));
    }

    [Fact]
    public async Task Revert_brings_the_instance_back_on_the_source_and_is_idempotent()
    {
        var (instance, bigger) = await SpawnAsync();
        var sink = new PipeMigrationSink(Resizer(Destination), bigger);
        await Resizer(Source).MigrateDiskAndPowerOffAsync(instance, bigger, sink, TimeSpan.FromSeconds(5), new RecordingProgress([]), CancellationToken.None);
        await Resizer(Destination).FinishMigrationAsync(sink.MigrationId, bigger, autoDiskConfig: false, powerOn: true, CancellationToken.None);

        await Destination.DestroyAsync(bigger, CancellationToken.None);
        await Resizer(Source).FinishRevertMigrationAsync(instance, powerOn: true, CancellationToken.None);
        await Resizer(Source).FinishRevertMigrationAsync(instance, powerOn: true, CancellationToken.None);

        Assert.DoesNotContain(instance.InstanceId, await Destination.ListInstancesAsync(CancellationToken.None));
        Assert.False(await Resizer(Source).HasOriginalAsync(instance, CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await Source.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task A_stopped_instance_resizes_and_stays_stopped()
    {
        var (instance, bigger) = await SpawnAsync();
        await Source.PowerOffAsync(instance, TimeSpan.Zero, CancellationToken.None);
        var sink = new PipeMigrationSink(Resizer(Destination), bigger);

        await Resizer(Source).MigrateDiskAndPowerOffAsync(instance, bigger, sink, TimeSpan.FromSeconds(5), new RecordingProgress([]), CancellationToken.None);
        await Resizer(Destination).FinishMigrationAsync(sink.MigrationId, bigger, autoDiskConfig: false, powerOn: false, CancellationToken.None);
        await Resizer(Source).ConfirmMigrationAsync(instance, CancellationToken.None);

        Assert.Equal(DriverPowerState.Shutdown, await Destination.GetPowerStateAsync(bigger, CancellationToken.None));
        Assert.DoesNotContain(instance.InstanceId, await Source.ListInstancesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_abandoned_migration_is_cleaned_on_both_hosts()
    {
        var (instance, bigger) = await SpawnAsync();
        var sink = new PipeMigrationSink(Resizer(Destination), bigger);
        await Resizer(Source).MigrateDiskAndPowerOffAsync(instance, bigger, sink, TimeSpan.FromSeconds(5), new RecordingProgress([]), CancellationToken.None);

        await Resizer(Destination).AbortIncomingMigrationAsync(sink.MigrationId, CancellationToken.None);
        await Resizer(Destination).AbortIncomingMigrationAsync(sink.MigrationId, CancellationToken.None);
        await Resizer(Destination).AbortIncomingMigrationAsync(Guid.NewGuid(), CancellationToken.None);
        await Resizer(Source).FinishRevertMigrationAsync(instance, powerOn: true, CancellationToken.None);

        await Assert.ThrowsAsync<DriverOperationException>(() =>
            Resizer(Destination).FinishMigrationAsync(sink.MigrationId, bigger, autoDiskConfig: false, powerOn: true, CancellationToken.None));
        Assert.DoesNotContain(instance.InstanceId, await Destination.ListInstancesAsync(CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await Source.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task A_transfer_failure_rolls_the_source_back()
    {
        var (instance, bigger) = await SpawnAsync();
        var sink = new PipeMigrationSink(Resizer(Destination), bigger) { FailAfterBytes = 1024, FailDiskIndex = 0 };

        await Assert.ThrowsAnyAsync<Exception>(() =>
            Resizer(Source).MigrateDiskAndPowerOffAsync(instance, bigger, sink, TimeSpan.FromSeconds(5), new RecordingProgress([]), CancellationToken.None));
        await Resizer(Destination).AbortIncomingMigrationAsync(sink.MigrationId, CancellationToken.None);

        Assert.False(await Resizer(Source).HasOriginalAsync(instance, CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await Source.GetPowerStateAsync(instance, CancellationToken.None));
        Assert.DoesNotContain(instance.InstanceId, await Destination.ListInstancesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_instance_is_refused_and_has_no_original()
    {
        var id = Guid.NewGuid();
        var unknown = new VirtInstance(id, "resize-" + id.ToString("N")[..8], 512, 1, 1, ImageId);
        var sink = new PipeMigrationSink(Resizer(Destination), unknown);

        await Assert.ThrowsAsync<InstanceNotFoundException>(() =>
            Resizer(Source).MigrateDiskAndPowerOffAsync(unknown, unknown with { MemoryMb = 1024 }, sink, TimeSpan.Zero, new RecordingProgress([]), CancellationToken.None));
        Assert.False(await Resizer(Source).HasOriginalAsync(unknown, CancellationToken.None));
    }

    /// <summary>The driver's resize capability (the suite requires it).</summary>
    protected static IResizeDriver Resizer(IVirtDriver driver) => Assert.IsAssignableFrom<IResizeDriver>(driver);

    /// <summary>Spawns an m1.tiny-like instance on the source; returns it and the same instance on a bigger flavor.</summary>
    protected async Task<(VirtInstance Instance, VirtInstance Bigger)> SpawnAsync()
    {
        var id = Guid.NewGuid();
        var instance = new VirtInstance(id, "resize-" + id.ToString("N")[..8], 512, 1, 1, ImageId);
        spawned.Add(instance);
        await Source.SpawnAsync(instance, CreateImageSource(), CancellationToken.None);
        return (instance, instance with { MemoryMb = 1024, Vcpus = 2, RootGb = 2 });
    }
}
