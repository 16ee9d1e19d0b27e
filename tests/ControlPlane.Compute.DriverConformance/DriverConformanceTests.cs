using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>
/// The post-conditions of <see cref="IVirtDriver"/> (see its documentation), checked against any
/// driver (Nova's <c>_VirtDriverTestCase</c>). A driver's test class derives from this one and
/// supplies a fresh driver, an image source and a bootable image id; every instance a test spawns is
/// destroyed afterwards. Instances are named <c>conformance-&lt;8 hex&gt;</c> with fresh uuids, so
/// runs never depend on each other's leftovers.
/// </summary>
public abstract partial class DriverConformanceTests : IAsyncLifetime
{
    private readonly List<VirtInstance> _spawned = [];
    private IVirtDriver? _driver;
    private CountingImageSource? _images;

    /// <summary>The host name passed to <see cref="IVirtDriver.InitHostAsync"/>.</summary>
    protected virtual string HostName => "conformance-host";

    /// <summary>The initialised driver under test.</summary>
    protected IVirtDriver Driver => _driver ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The image source handed to spawns (counting opens).</summary>
    protected CountingImageSource Images => _images ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>A new driver, not yet initialised, connected to its hypervisor.</summary>
    protected abstract Task<IVirtDriver> CreateDriverAsync();

    /// <summary>Where spawns read images from; drivers that read bits serve <see cref="ImageId"/> here.</summary>
    protected abstract IImageSource CreateImageSource();

    /// <summary>A bootable image id <see cref="CreateImageSource"/> serves.</summary>
    protected abstract Guid ImageId { get; }

    /// <summary>Flavor of the instances the tests spawn (small: m1.tiny by default).</summary>
    protected virtual (int MemoryMb, int Vcpus, int RootGb) Flavor => (512, 1, 1);

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        _driver = await CreateDriverAsync();
        _images = new CountingImageSource(CreateImageSource());
        await _driver.InitHostAsync(HostName, CancellationToken.None);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_driver is null)
        {
            return;
        }

        foreach (var instance in _spawned)
        {
            await _driver.DestroyAsync(instance, CancellationToken.None);
        }

        if (_driver is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>A new instance of <see cref="Flavor"/> (registered for clean-up).</summary>
    protected VirtInstance NewInstance(int? memoryMb = null)
    {
        var id = Guid.NewGuid();
        var instance = new VirtInstance(id, "conformance-" + id.ToString("N")[..8], memoryMb ?? Flavor.MemoryMb, Flavor.Vcpus, Flavor.RootGb, ImageId);
        _spawned.Add(instance);
        return instance;
    }

    /// <summary>Spawns a new instance and returns it.</summary>
    protected async Task<VirtInstance> SpawnNewAsync()
    {
        var instance = NewInstance();
        await Driver.SpawnAsync(instance, Images, CancellationToken.None);
        return instance;
    }

    private async Task<bool> ListedAsync(VirtInstance instance) =>
        (await Driver.ListInstancesAsync(CancellationToken.None)).Contains(instance.InstanceId);

    [Fact]
    public async Task Members_other_than_InitHost_refuse_to_run_before_it()
    {
        var fresh = await CreateDriverAsync();
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => fresh.ListInstancesAsync(CancellationToken.None));
            await Assert.ThrowsAsync<InvalidOperationException>(() => fresh.GetHostCapacityAsync(CancellationToken.None));
        }
        finally
        {
            if (fresh is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Capabilities_and_capacity_describe_the_host()
    {
        var capacity = await Driver.GetHostCapacityAsync(CancellationToken.None);

        Assert.False(string.IsNullOrWhiteSpace(Driver.Capabilities.HypervisorType));
        Assert.Equal(Driver.Capabilities.HypervisorType, capacity.HypervisorType);
        Assert.False(string.IsNullOrWhiteSpace(capacity.HypervisorHostname));
        Assert.True(capacity.MemoryMb > 0);
        Assert.True(capacity.Vcpus > 0);
        Assert.True(capacity.LocalGb > 0);
        Assert.InRange(capacity.MemoryMbUsed, 0, long.MaxValue);
        Assert.InRange(capacity.VcpusUsed, 0, int.MaxValue);
        Assert.InRange(capacity.LocalGbUsed, 0, long.MaxValue);
        Assert.Equal((await Driver.ListInstancesAsync(CancellationToken.None)).Count, capacity.RunningVms);
    }

    [Fact]
    public async Task Spawn_lists_the_instance_running_and_counts_its_flavor()
    {
        var before = await Driver.GetHostCapacityAsync(CancellationToken.None);

        var instance = await SpawnNewAsync();

        Assert.True(await ListedAsync(instance));
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
        var after = await Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal(before.RunningVms + 1, after.RunningVms);
        Assert.True(after.MemoryMbUsed - before.MemoryMbUsed >= instance.MemoryMb, $"memory used grew by {after.MemoryMbUsed - before.MemoryMbUsed} MiB");
        Assert.True(after.VcpusUsed - before.VcpusUsed >= instance.Vcpus, $"vcpus used grew by {after.VcpusUsed - before.VcpusUsed}");
        Assert.True(after.LocalGbUsed >= before.LocalGbUsed);
        if (!Driver.Capabilities.ReadsImageBits)
        {
            Assert.Equal(0, Images.Opened);
        }
    }

    [Fact]
    public async Task Spawning_a_uuid_the_driver_holds_fails_and_keeps_the_instance()
    {
        var instance = await SpawnNewAsync();

        var error = await Assert.ThrowsAsync<InstanceExistsException>(() => Driver.SpawnAsync(instance, Images, CancellationToken.None));

        Assert.Equal(instance.InstanceId, error.InstanceId);
        Assert.False(error.Retryable);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task A_spawn_beyond_the_host_capacity_fails_retryably_and_leaves_nothing()
    {
        var capacity = await Driver.GetHostCapacityAsync(CancellationToken.None);
        var huge = NewInstance(memoryMb: (int)Math.Min(int.MaxValue, capacity.MemoryMb * 1000));

        var error = await Assert.ThrowsAsync<InsufficientResourcesException>(() => Driver.SpawnAsync(huge, Images, CancellationToken.None));

        Assert.True(error.Retryable);
        Assert.False(await ListedAsync(huge));
        Assert.Equal(capacity.RunningVms, (await Driver.GetHostCapacityAsync(CancellationToken.None)).RunningVms);
    }

    [Fact]
    public async Task Destroy_removes_the_instance_and_frees_its_resources_and_is_idempotent()
    {
        var before = await Driver.GetHostCapacityAsync(CancellationToken.None);
        var instance = await SpawnNewAsync();

        await Driver.DestroyAsync(instance, CancellationToken.None);
        await Driver.DestroyAsync(instance, CancellationToken.None);

        Assert.False(await ListedAsync(instance));
        var after = await Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal(before.RunningVms, after.RunningVms);
        Assert.True(after.MemoryMbUsed <= before.MemoryMbUsed, $"memory used {after.MemoryMbUsed} MiB, was {before.MemoryMbUsed} MiB");
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => Driver.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task Destroying_an_instance_never_spawned_succeeds()
    {
        await Driver.DestroyAsync(NewInstance(), CancellationToken.None);
    }

    [Fact]
    public async Task Power_off_and_on_reach_their_states_and_repeat_harmlessly()
    {
        var instance = await SpawnNewAsync();

        await Driver.PowerOffAsync(instance, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(DriverPowerState.Shutdown, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
        Assert.True(await ListedAsync(instance));
        await Driver.PowerOffAsync(instance, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(DriverPowerState.Shutdown, await Driver.GetPowerStateAsync(instance, CancellationToken.None));

        await Driver.PowerOnAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
        await Driver.PowerOnAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task A_stopped_instance_keeps_its_resources_counted()
    {
        var instance = await SpawnNewAsync();
        var running = await Driver.GetHostCapacityAsync(CancellationToken.None);

        await Driver.PowerOffAsync(instance, TimeSpan.Zero, CancellationToken.None);

        var stopped = await Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal(running.RunningVms, stopped.RunningVms);
    }

    [Fact]
    public async Task Soft_reboot_needs_a_running_instance_and_hard_reboot_starts_any()
    {
        var instance = await SpawnNewAsync();

        await Driver.RebootAsync(instance, hard: false, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));

        await Driver.PowerOffAsync(instance, TimeSpan.Zero, CancellationToken.None);
        var error = await Assert.ThrowsAsync<InstancePowerStateException>(() => Driver.RebootAsync(instance, hard: false, CancellationToken.None));
        Assert.Equal(DriverPowerState.Shutdown, error.Actual);

        await Driver.RebootAsync(instance, hard: true, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task Operations_on_an_unknown_instance_fail_with_InstanceNotFound()
    {
        var ghost = NewInstance();

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => Driver.GetPowerStateAsync(ghost, CancellationToken.None));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => Driver.PowerOffAsync(ghost, TimeSpan.Zero, CancellationToken.None));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => Driver.PowerOnAsync(ghost, CancellationToken.None));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => Driver.RebootAsync(ghost, hard: true, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_spawns_of_different_instances_all_succeed_and_are_listed()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => NewInstance()).ToList();

        await Task.WhenAll(instances.Select(i => Driver.SpawnAsync(i, Images, CancellationToken.None)));

        var listed = await Driver.ListInstancesAsync(CancellationToken.None);
        Assert.All(instances, i => Assert.Contains(i.InstanceId, listed));
    }

    [Fact]
    public async Task A_cancelled_spawn_throws_and_destroy_clears_what_it_left()
    {
        var instance = NewInstance();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Driver.SpawnAsync(instance, Images, cancelled.Token));
        await Driver.DestroyAsync(instance, CancellationToken.None);

        Assert.False(await ListedAsync(instance));
    }
}
