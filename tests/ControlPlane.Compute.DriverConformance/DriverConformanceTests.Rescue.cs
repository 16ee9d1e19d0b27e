using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.DriverConformance;

/// <summary>The post-conditions of <see cref="IRescueDriver"/> (see its documentation), for drivers that offer it.</summary>
public abstract partial class DriverConformanceTests
{
    /// <summary>Whether the driver under test implements <see cref="IRescueDriver"/> (default true).</summary>
    protected virtual bool SupportsRescue => true;

    /// <summary>The image rescues boot (served by <see cref="CreateImageSource"/>); default <see cref="ImageId"/>.</summary>
    protected virtual Guid RescueImageId => ImageId;

    [Fact]
    public async Task Rescue_runs_the_rescue_vm_and_bootlocks_the_instance_and_unrescue_brings_it_back()
    {
        var rescue = RequireRescue();
        if (rescue is null)
        {
            return;
        }

        var instance = await SpawnNewAsync();

        await rescue.RescueAsync(instance, RescueImageId, Images, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(RescueState.Rescued, await rescue.GetRescueStateAsync(instance, CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
        var blocked = await Assert.ThrowsAsync<DriverOperationException>(() => Driver.PowerOnAsync(instance, CancellationToken.None));
        Assert.False(blocked.Retryable);
        await Assert.ThrowsAsync<DriverOperationException>(() => Driver.RebootAsync(instance, hard: true, CancellationToken.None));
        Assert.Single(await Driver.ListInstancesAsync(CancellationToken.None), instance.InstanceId);
        var capacity = await Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal((await Driver.ListInstancesAsync(CancellationToken.None)).Count, capacity.RunningVms);

        await rescue.UnrescueAsync(instance, powerOn: true, CancellationToken.None);

        Assert.Equal(RescueState.NotRescued, await rescue.GetRescueStateAsync(instance, CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
        await Driver.RebootAsync(instance, hard: true, CancellationToken.None);
        Assert.Equal(capacity.VcpusUsed, (await Driver.GetHostCapacityAsync(CancellationToken.None)).VcpusUsed);
    }

    [Fact]
    public async Task A_stopped_instance_is_rescued_and_unrescue_starts_it_or_leaves_it_off_when_asked()
    {
        var rescue = RequireRescue();
        if (rescue is null)
        {
            return;
        }

        var instance = await SpawnNewAsync();
        await Driver.PowerOffAsync(instance, TimeSpan.Zero, CancellationToken.None);

        await rescue.RescueAsync(instance, RescueImageId, Images, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(RescueState.Rescued, await rescue.GetRescueStateAsync(instance, CancellationToken.None));
        await rescue.UnrescueAsync(instance, powerOn: false, CancellationToken.None);

        Assert.Equal(RescueState.NotRescued, await rescue.GetRescueStateAsync(instance, CancellationToken.None));
        Assert.Equal(DriverPowerState.Shutdown, await Driver.GetPowerStateAsync(instance, CancellationToken.None));

        await rescue.RescueAsync(instance, RescueImageId, Images, TimeSpan.Zero, CancellationToken.None);
        await rescue.UnrescueAsync(instance, powerOn: true, CancellationToken.None);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task Rescue_of_a_rescued_instance_and_unrescue_of_one_not_rescued_are_refused_and_change_nothing()
    {
        var rescue = RequireRescue();
        if (rescue is null)
        {
            return;
        }

        var instance = await SpawnNewAsync();
        var notRescued = await Assert.ThrowsAsync<InstanceRescueModeException>(() => rescue.UnrescueAsync(instance, powerOn: true, CancellationToken.None));
        Assert.False(notRescued.Rescued);
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));

        await rescue.RescueAsync(instance, RescueImageId, Images, TimeSpan.FromSeconds(10), CancellationToken.None);
        var already = await Assert.ThrowsAsync<InstanceRescueModeException>(
            () => rescue.RescueAsync(instance, RescueImageId, Images, TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.True(already.Rescued);
        Assert.False(already.Retryable);
        Assert.Equal(RescueState.Rescued, await rescue.GetRescueStateAsync(instance, CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await Driver.GetPowerStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task Rescue_calls_on_an_unknown_instance_fail_with_InstanceNotFound()
    {
        var rescue = RequireRescue();
        if (rescue is null)
        {
            return;
        }

        var ghost = NewInstance();

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => rescue.RescueAsync(ghost, RescueImageId, Images, TimeSpan.Zero, CancellationToken.None));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => rescue.UnrescueAsync(ghost, powerOn: true, CancellationToken.None));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => rescue.GetRescueStateAsync(ghost, CancellationToken.None));
    }

    [Fact]
    public async Task Destroying_a_rescued_instance_removes_it_and_frees_its_resources()
    {
        var rescue = RequireRescue();
        if (rescue is null)
        {
            return;
        }

        var before = await Driver.GetHostCapacityAsync(CancellationToken.None);
        var instance = await SpawnNewAsync();
        await rescue.RescueAsync(instance, RescueImageId, Images, TimeSpan.FromSeconds(10), CancellationToken.None);

        await Driver.DestroyAsync(instance, CancellationToken.None);

        Assert.DoesNotContain(instance.InstanceId, await Driver.ListInstancesAsync(CancellationToken.None));
        var after = await Driver.GetHostCapacityAsync(CancellationToken.None);
        Assert.Equal((before.RunningVms, before.VcpusUsed), (after.RunningVms, after.VcpusUsed));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => rescue.GetRescueStateAsync(instance, CancellationToken.None));
    }

    private IRescueDriver? RequireRescue()
    {
        if (!SupportsRescue)
        {
            Assert.False(Driver is IRescueDriver, "the driver implements IRescueDriver: let SupportsRescue say so");
            return null;
        }

        return Assert.IsAssignableFrom<IRescueDriver>(Driver);
    }
}
