using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>The post-conditions of <see cref="IRebuildDriver"/> and <see cref="IConsoleLogDriver"/> (see their documentation).</summary>
public abstract partial class DriverConformanceTests
{
    [Fact]
    public async Task Rebuild_keeps_the_instance_listed_once_with_the_same_usage_and_boots_it_again_or_leaves_it_off()
    {
        var rebuild = Assert.IsAssignableFrom<IRebuildDriver>(Driver);
        var instance = await SpawnNewAsync();
        var before = await Driver.GetHostCapacityAsync(CancellationToken.None);
        var rebuilt = instance with { ImageId = RescueImageId };

        await rebuild.RebuildAsync(rebuilt, Images, powerOn: true, CancellationToken.None);

        Assert.Single(await Driver.ListInstancesAsync(CancellationToken.None), instance.InstanceId);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(rebuilt, CancellationToken.None));
        var after = await Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal((before.RunningVms, before.VcpusUsed, before.MemoryMbUsed), (after.RunningVms, after.VcpusUsed, after.MemoryMbUsed));

        await rebuild.RebuildAsync(rebuilt, Images, powerOn: false, CancellationToken.None);
        Assert.Equal(DriverPowerState.Shutdown, await Driver.GetPowerStateAsync(rebuilt, CancellationToken.None));
        await Driver.PowerOnAsync(rebuilt, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(rebuilt, CancellationToken.None));
    }

    [Fact]
    public async Task Rebuild_of_an_unknown_instance_fails_with_InstanceNotFound()
    {
        var rebuild = Assert.IsAssignableFrom<IRebuildDriver>(Driver);
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => rebuild.RebuildAsync(NewInstance(), Images, powerOn: true, CancellationToken.None));
    }

    [Fact]
    public async Task The_console_log_shows_each_boot_and_stays_readable_while_the_instance_is_off()
    {
        var logs = Assert.IsAssignableFrom<IConsoleLogDriver>(Driver);
        var instance = await SpawnNewAsync();

        var first = await logs.GetConsoleOutputAsync(instance, CancellationToken.None);
        await Driver.RebootAsync(instance, hard: true, CancellationToken.None);
        var second = await logs.GetConsoleOutputAsync(instance, CancellationToken.None);
        await Driver.PowerOffAsync(instance, TimeSpan.Zero, CancellationToken.None);
        var stopped = await logs.GetConsoleOutputAsync(instance, CancellationToken.None);

        Assert.True(first.Split('\n').Length >= 15, first);
        Assert.True(second.Length > first.Length, second);
        Assert.Equal(second, stopped);
        Assert.True(stopped.Length <= IConsoleLogDriver.MaxBytes);
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => logs.GetConsoleOutputAsync(NewInstance(), CancellationToken.None));
    }
}
