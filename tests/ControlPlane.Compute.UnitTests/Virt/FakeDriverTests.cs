using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.Fake;
using Microsoft.Extensions.Time.Testing;

namespace ControlPlane.Compute.UnitTests.Virt;

/// <summary>FakeDriver's own knobs (the shared contract is in the conformance suite).</summary>
public sealed class FakeDriverTests
{
    private static FakeDriver New(FakeDriverOptions options, FakeTimeProvider? time = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options), time ?? new FakeTimeProvider());

    private static VirtInstance Instance(string name = "instance-1", int memoryMb = 512, int vcpus = 1, int rootGb = 1) =>
        new(Guid.NewGuid(), name, memoryMb, vcpus, rootGb, Guid.NewGuid());

    [Fact]
    public async Task Spawns_matching_the_name_pattern_fail_and_others_succeed()
    {
        var driver = New(new FakeDriverOptions { FailSpawnNamePattern = "^doomed-" });
        await driver.InitHostAsync("h", CancellationToken.None);

        await Assert.ThrowsAsync<DriverOperationException>(() => driver.SpawnAsync(Instance("doomed-1"), new NoImages(), CancellationToken.None));
        await driver.SpawnAsync(Instance("fine-1"), new NoImages(), CancellationToken.None);
    }

    [Fact]
    public async Task Only_the_next_N_spawns_fail()
    {
        var driver = New(new FakeDriverOptions { FailNextSpawns = 2 });
        await driver.InitHostAsync("h", CancellationToken.None);

        await Assert.ThrowsAsync<DriverOperationException>(() => driver.SpawnAsync(Instance(), new NoImages(), CancellationToken.None));
        await Assert.ThrowsAsync<DriverOperationException>(() => driver.SpawnAsync(Instance(), new NoImages(), CancellationToken.None));
        await driver.SpawnAsync(Instance(), new NoImages(), CancellationToken.None);
    }

    [Fact]
    public async Task The_spawn_delay_runs_on_the_injected_clock_and_capacity_is_held_meanwhile()
    {
        var time = new FakeTimeProvider();
        var driver = New(new FakeDriverOptions { SpawnDelay = TimeSpan.FromMinutes(5), MemoryMb = 1024, RamAllocationRatio = 1 }, time);
        await driver.InitHostAsync("h", CancellationToken.None);
        var instance = Instance(memoryMb: 1024);

        var spawn = driver.SpawnAsync(instance, new NoImages(), CancellationToken.None);
        Assert.False(spawn.IsCompleted);
        Assert.Equal(DriverPowerState.NoState, await driver.GetPowerStateAsync(instance, CancellationToken.None));
        await Assert.ThrowsAsync<InsufficientResourcesException>(() => driver.SpawnAsync(Instance(memoryMb: 1), new NoImages(), CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(5));
        await spawn;
        Assert.Equal(DriverPowerState.Running, await driver.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task Allocation_ratios_bound_what_the_fake_hypervisor_accepts()
    {
        var driver = New(new FakeDriverOptions { MemoryMb = 1000, RamAllocationRatio = 1.5, Vcpus = 1, CpuAllocationRatio = 2 });
        await driver.InitHostAsync("h", CancellationToken.None);

        await driver.SpawnAsync(Instance(memoryMb: 1500, vcpus: 2), new NoImages(), CancellationToken.None);
        var error = await Assert.ThrowsAsync<InsufficientResourcesException>(() =>
            driver.SpawnAsync(Instance(memoryMb: 1, vcpus: 1), new NoImages(), CancellationToken.None));

        Assert.True(error.Retryable);
        var capacity = await driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal(1000, capacity.MemoryMb);
        Assert.Equal(1500, capacity.MemoryMbUsed);
    }

    [Fact]
    public async Task Destroy_failure_injection_throws_and_keeps_the_instance()
    {
        var driver = New(new FakeDriverOptions { FailDestroy = true });
        await driver.InitHostAsync("h", CancellationToken.None);
        var instance = Instance();
        await driver.SpawnAsync(instance, new NoImages(), CancellationToken.None);

        await Assert.ThrowsAsync<DriverOperationException>(() => driver.DestroyAsync(instance, CancellationToken.None));
        Assert.Contains(instance.InstanceId, await driver.ListInstancesAsync(CancellationToken.None));
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_option()
    {
        var result = new FakeDriverOptionsValidator().Validate(null, new FakeDriverOptions
        {
            MemoryMb = 0,
            FailSpawnNamePattern = "(",
            SpawnDelay = TimeSpan.FromSeconds(-1),
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, m => m.Contains("FakeDriver:MemoryMb"));
        Assert.Contains(result.Failures!, m => m.Contains("FakeDriver:FailSpawnNamePattern"));
        Assert.Contains(result.Failures!, m => m.Contains("FakeDriver:SpawnDelay"));
        Assert.True(new FakeDriverOptionsValidator().Validate(null, new FakeDriverOptions()).Succeeded);
    }
}
