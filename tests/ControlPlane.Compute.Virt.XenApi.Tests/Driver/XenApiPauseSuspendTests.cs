using System.Net.Http.Json;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Driver;

/// <summary>Pause and suspend as XAPI shows them: power states, the suspend image VDI and its removal.</summary>
[Trait("Category", "Integration")]
public sealed class XenApiPauseSuspendTests : IAsyncLifetime
{
    private readonly Guid imageId = Guid.NewGuid();
    private SimHost sim = null!;
    private XenApiSession xen = null!;
    private MemoryImageSource images = null!;
    private XenApiDriver driver = null!;

    public async Task InitializeAsync()
    {
        sim = await SimHost.StartAsync();
        xen = sim.NewSession();
        images = new MemoryImageSource().Add(imageId, TestImages.Archive(seed: 11, gzip: true));
        driver = DriverFactory.Create(sim);
        await driver.InitHostAsync("compute-test", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await driver.DisposeAsync();
        await xen.DisposeAsync();
        await sim.DisposeAsync();
    }

    [Fact]
    public async Task Pause_keeps_the_domain_resident_and_unpause_runs_it_again()
    {
        var instance = await SpawnAsync();
        var (vm, before) = await VmOfAsync(instance);

        await driver.PauseAsync(instance, CancellationToken.None);

        var paused = await xen.Vm.GetRecordAsync(vm);
        Assert.Equal(VmPowerState.Paused, paused.PowerState);
        Assert.Equal((before.Domid, before.ResidentOn), (paused.Domid, paused.ResidentOn));
        Assert.True(paused.SuspendVdi.IsNull);
        await driver.UnpauseAsync(instance, CancellationToken.None);
        Assert.Equal(VmPowerState.Running, await xen.Vm.GetPowerStateAsync(vm));
    }

    [Fact]
    public async Task Suspend_writes_a_suspend_image_that_resume_removes()
    {
        var instance = await SpawnAsync();
        var (vm, _) = await VmOfAsync(instance);
        var vdisBefore = (await xen.Vdi.GetAllRecordsAsync()).Count;

        await driver.SuspendAsync(instance, CancellationToken.None);

        var suspended = await xen.Vm.GetRecordAsync(vm);
        Assert.Equal(VmPowerState.Suspended, suspended.PowerState);
        Assert.True(suspended.ResidentOn.IsNull);
        Assert.False(suspended.SuspendVdi.IsNull);
        var image = await xen.Vdi.GetRecordAsync(suspended.SuspendVdi);
        Assert.Equal((VdiType.Suspend, "Suspend image"), (image.Type, image.NameLabel));
        Assert.True(image.VirtualSize >= (512L << 20) * 126 / 100, $"suspend image of {image.VirtualSize} bytes for 512 MiB");
        Assert.True(File.Exists(Path.Combine(sim.SrDirectory, image.Uuid + ".vhd")));
        Assert.Equal(vdisBefore + 1, (await xen.Vdi.GetAllRecordsAsync()).Count);

        await driver.ResumeAsync(instance, CancellationToken.None);

        var resumed = await xen.Vm.GetRecordAsync(vm);
        Assert.Equal(VmPowerState.Running, resumed.PowerState);
        Assert.False(resumed.ResidentOn.IsNull);
        Assert.True(resumed.SuspendVdi.IsNull);
        Assert.DoesNotContain(image.Uuid, (await xen.Vdi.GetAllRecordsAsync()).Values.Select(v => v.Uuid));
        Assert.False(File.Exists(Path.Combine(sim.SrDirectory, image.Uuid + ".vhd")));
    }

    [Fact]
    public async Task Destroying_a_suspended_instance_removes_its_vm_disks_and_suspend_image()
    {
        var instance = await SpawnAsync();
        await driver.SuspendAsync(instance, CancellationToken.None);
        var (_, suspended) = await VmOfAsync(instance);
        var image = await xen.Vdi.GetRecordAsync(suspended.SuspendVdi);

        await driver.DestroyAsync(instance, CancellationToken.None);

        Assert.DoesNotContain((await xen.Vm.GetAllRecordsAsync()).Values, v => v.OtherConfig.GetValueOrDefault("nova_uuid") == instance.InstanceId.ToString());
        var left = (await xen.Vdi.GetAllRecordsAsync()).Values.ToList();
        Assert.DoesNotContain(left, v => v.Type == VdiType.Suspend);
        Assert.DoesNotContain(left, v => v.OtherConfig.GetValueOrDefault("nova_instance_uuid") == instance.InstanceId.ToString());
        Assert.False(File.Exists(Path.Combine(sim.SrDirectory, image.Uuid + ".vhd")));
    }

    [Fact]
    public async Task A_suspend_on_a_full_sr_fails_as_insufficient_resources_and_the_instance_keeps_running()
    {
        var instance = await SpawnAsync();
        using (var admin = new HttpClient { BaseAddress = sim.Url })
        {
            (await admin.PostAsJsonAsync("/_sim/sr-full", new { full = true })).EnsureSuccessStatusCode();
        }

        var error = await Assert.ThrowsAsync<InsufficientResourcesException>(() => driver.SuspendAsync(instance, CancellationToken.None));

        Assert.Contains("SR", error.Message, StringComparison.Ordinal);
        Assert.Equal(DriverPowerState.Running, await driver.GetPowerStateAsync(instance, CancellationToken.None));
        Assert.DoesNotContain((await xen.Vdi.GetAllRecordsAsync()).Values, v => v.Type == VdiType.Suspend);
    }

    [Fact]
    public async Task A_vm_bad_power_state_answer_becomes_InstancePowerStateException_with_the_actual_state()
    {
        var instance = await SpawnAsync();
        var (vm, _) = await VmOfAsync(instance);
        using (var admin = new HttpClient { BaseAddress = sim.Url })
        {
            var fault = new { call = "VM.pause", mode = "fail", count = 1, error = new[] { "VM_BAD_POWER_STATE", vm.OpaqueRef, "running", "halted" } };
            (await admin.PostAsJsonAsync("/_sim/faults", fault)).EnsureSuccessStatusCode();
        }

        var error = await Assert.ThrowsAsync<InstancePowerStateException>(() => driver.PauseAsync(instance, CancellationToken.None));

        Assert.Equal(DriverPowerState.Shutdown, error.Actual);
        Assert.DoesNotContain("OpaqueRef", error.Message, StringComparison.Ordinal);
        Assert.Equal(VmPowerState.Running, await xen.Vm.GetPowerStateAsync(vm));
    }

    private async Task<VirtInstance> SpawnAsync()
    {
        var id = Guid.NewGuid();
        var instance = new VirtInstance(id, "instance-" + id.ToString("N")[..8], 512, 1, 1, imageId);
        await driver.SpawnAsync(instance, images, CancellationToken.None);
        return instance;
    }

    private async Task<(VmRef Ref, VmRecord Record)> VmOfAsync(VirtInstance instance)
    {
        var (vm, record) = Assert.Single(await xen.Vm.GetAllRecordsAsync(), p => p.Value.OtherConfig.GetValueOrDefault("nova_uuid") == instance.InstanceId.ToString());
        return (vm, record);
    }
}
