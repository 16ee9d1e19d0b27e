using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>The post-conditions of <see cref="IPauseDriver"/> and <see cref="ISuspendDriver"/> (see their documentation).</summary>
public abstract partial class DriverConformanceTests
{
    private Task<DriverPowerState> PowerOf(VirtInstance instance) => Driver.GetPowerStateAsync(instance, CancellationToken.None);

    [Fact]
    public async Task Pause_and_unpause_reach_their_states_repeat_harmlessly_and_keep_the_resources()
    {
        var pause = Assert.IsAssignableFrom<IPauseDriver>(Driver);
        var instance = await SpawnNewAsync();
        var running = await Driver.GetHostCapacityAsync(CancellationToken.None);

        await pause.PauseAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Paused, await PowerOf(instance));
        await pause.PauseAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Paused, await PowerOf(instance));
        var paused = await Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal(running.RunningVms, paused.RunningVms);
        Assert.True(await ListedAsync(instance));

        await pause.UnpauseAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await PowerOf(instance));
        await pause.UnpauseAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await PowerOf(instance));
    }

    [Fact]
    public async Task Suspend_and_resume_reach_their_states_repeat_harmlessly_and_keep_the_resources()
    {
        var suspend = Assert.IsAssignableFrom<ISuspendDriver>(Driver);
        var instance = await SpawnNewAsync();
        var running = await Driver.GetHostCapacityAsync(CancellationToken.None);

        await suspend.SuspendAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Suspended, await PowerOf(instance));
        await suspend.SuspendAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Suspended, await PowerOf(instance));
        var suspended = await Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal(running.RunningVms, suspended.RunningVms);
        Assert.True(suspended.MemoryMbUsed >= instance.MemoryMb, $"memory used {suspended.MemoryMbUsed} MiB with a suspended {instance.MemoryMb} MiB instance");
        Assert.True(await ListedAsync(instance));

        await suspend.ResumeAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await PowerOf(instance));
        await suspend.ResumeAsync(instance, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await PowerOf(instance));
    }

    [Fact]
    public async Task Pause_and_suspend_refuse_the_wrong_power_states_naming_the_actual_one()
    {
        var pause = Assert.IsAssignableFrom<IPauseDriver>(Driver);
        var suspend = Assert.IsAssignableFrom<ISuspendDriver>(Driver);
        var instance = await SpawnNewAsync();

        await pause.PauseAsync(instance, CancellationToken.None);
        var suspendPaused = await Assert.ThrowsAsync<InstancePowerStateException>(() => suspend.SuspendAsync(instance, CancellationToken.None));
        var resumePaused = await Assert.ThrowsAsync<InstancePowerStateException>(() => suspend.ResumeAsync(instance, CancellationToken.None));
        Assert.Equal((DriverPowerState.Paused, DriverPowerState.Paused), (suspendPaused.Actual, resumePaused.Actual));
        Assert.False(suspendPaused.Retryable);

        await Driver.PowerOffAsync(instance, TimeSpan.Zero, CancellationToken.None);
        var pauseStopped = await Assert.ThrowsAsync<InstancePowerStateException>(() => pause.PauseAsync(instance, CancellationToken.None));
        var unpauseStopped = await Assert.ThrowsAsync<InstancePowerStateException>(() => pause.UnpauseAsync(instance, CancellationToken.None));
        var suspendStopped = await Assert.ThrowsAsync<InstancePowerStateException>(() => suspend.SuspendAsync(instance, CancellationToken.None));
        var resumeStopped = await Assert.ThrowsAsync<InstancePowerStateException>(() => suspend.ResumeAsync(instance, CancellationToken.None));
        Assert.All([pauseStopped, unpauseStopped, suspendStopped, resumeStopped], e => Assert.Equal(DriverPowerState.Shutdown, e.Actual));

        await Driver.PowerOnAsync(instance, CancellationToken.None);
        await suspend.SuspendAsync(instance, CancellationToken.None);
        var pauseSuspended = await Assert.ThrowsAsync<InstancePowerStateException>(() => pause.PauseAsync(instance, CancellationToken.None));
        Assert.Equal(DriverPowerState.Suspended, pauseSuspended.Actual);
        Assert.Equal(DriverPowerState.Suspended, await PowerOf(instance));
    }

    [Fact]
    public async Task Paused_and_suspended_instances_power_off_on_and_destroy()
    {
        var pause = Assert.IsAssignableFrom<IPauseDriver>(Driver);
        var suspend = Assert.IsAssignableFrom<ISuspendDriver>(Driver);
        var paused = await SpawnNewAsync();
        var suspended = await SpawnNewAsync();
        await pause.PauseAsync(paused, CancellationToken.None);
        await suspend.SuspendAsync(suspended, CancellationToken.None);
        var before = await Driver.GetHostCapacityAsync(CancellationToken.None);

        await Driver.PowerOffAsync(paused, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(DriverPowerState.Shutdown, await PowerOf(paused));
        await Driver.PowerOnAsync(paused, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await PowerOf(paused));
        await pause.PauseAsync(paused, CancellationToken.None);
        await Driver.DestroyAsync(paused, CancellationToken.None);
        await Driver.DestroyAsync(suspended, CancellationToken.None);

        Assert.False(await ListedAsync(paused));
        Assert.False(await ListedAsync(suspended));
        Assert.Equal(before.RunningVms - 2, (await Driver.GetHostCapacityAsync(CancellationToken.None)).RunningVms);
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => suspend.ResumeAsync(suspended, CancellationToken.None));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => pause.UnpauseAsync(paused, CancellationToken.None));
    }
}
