using System.Net.Http.Json;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Driver;

/// <summary>Rescue and unrescue on a XAPI host (reference C.1, C.4, C.5), seen through the XenAPI as an operator would.</summary>
[Trait("Category", "Integration")]
public sealed class XenApiRescueSimTests : IAsyncLifetime
{
    private const int ImageSeed = 11;
    private const int RescueSeed = 12;
    private readonly Guid imageId = Guid.NewGuid();
    private readonly Guid rescueImageId = Guid.NewGuid();
    private SimHost sim = null!;
    private XenApiSession xen = null!;
    private MemoryImageSource images = null!;
    private XenApiDriver driver = null!;
    private HashSet<VdiRef> cached = [];

    public async Task InitializeAsync()
    {
        sim = await SimHost.StartAsync();
        xen = sim.NewSession();
        images = new MemoryImageSource().Add(imageId, TestImages.Archive(ImageSeed, gzip: true)).Add(rescueImageId, TestImages.Archive(RescueSeed));
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
    public async Task Rescue_boots_the_rescue_image_with_the_root_at_device_1_and_unrescue_keeps_what_was_written_there()
    {
        var instance = await SpawnAsync();
        var (original, originalRecord) = await VmAsync(instance.InstanceName);
        var root = await DiskAtAsync(originalRecord, "0");
        var before = await ManagedVdisAsync();

        await driver.RescueAsync(instance, rescueImageId, images, TimeSpan.FromSeconds(5), CancellationToken.None);

        var (rescueVm, rescue) = await VmAsync(instance.RescueName);
        Assert.Equal(VmPowerState.Running, rescue.PowerState);
        Assert.Equal(instance.InstanceId.ToString(), rescue.OtherConfig["nova_uuid"]);
        Assert.Equal((512L << 20, 2L), (rescue.MemoryStaticMax, rescue.VcpusMax));
        var vbds = await VbdsAsync(rescue);
        Assert.Equal(["0", "1"], vbds.Select(v => v.Userdevice).Order());
        var device0 = vbds.Single(v => v.Userdevice == "0");
        var device1 = vbds.Single(v => v.Userdevice == "1");
        Assert.Equal((true, VbdMode.RW), (device0.Bootable, device0.Mode));
        Assert.Equal((false, VbdMode.RW, root), (device1.Bootable, device1.Mode, device1.Vdi));
        Assert.NotEqual(root, device0.Vdi);
        Assert.Equal(TestImages.ExpectedRaw(RescueSeed), await HeadAsync(device0.Vdi, TestImages.VirtualSize));
        Assert.Equal("rescue", (await xen.Vdi.GetOtherConfigAsync(device0.Vdi))["nova_disk_type"]);

        originalRecord = await xen.Vm.GetRecordAsync(original);
        Assert.Equal(VmPowerState.Halted, originalRecord.PowerState);
        Assert.True(originalRecord.BlockedOperations.ContainsKey("start") && originalRecord.BlockedOperations.ContainsKey("start_on"));
        var blocked = await Assert.ThrowsAsync<XenApiFailure>(() => xen.Vm.StartAsync(original));
        Assert.Equal(XenApiErrorCodes.OperationBlocked, blocked.Code);
        var blockedOn = await Assert.ThrowsAsync<XenApiFailure>(() => xen.Vm.StartOnAsync(original, rescue.ResidentOn));
        Assert.Equal(XenApiErrorCodes.OperationBlocked, blockedOn.Code);

        // The user repairs the disk from the rescue system: here, bytes written into the root through the VDI import.
        var repair = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 + 3)).ToArray();
        await xen.Transfers.ImportAsync(root, new MemoryStream(repair), VdiTransferFormat.Raw);

        await driver.UnrescueAsync(instance, powerOn: true, CancellationToken.None);

        Assert.Empty(await xen.Vm.GetByNameLabelAsync(instance.RescueName));
        originalRecord = await xen.Vm.GetRecordAsync(original);
        Assert.Equal(VmPowerState.Running, originalRecord.PowerState);
        Assert.Empty(originalRecord.BlockedOperations);
        Assert.Equal(root, await DiskAtAsync(originalRecord, "0"));
        var head = await HeadAsync(root, TestImages.VirtualSize);
        Assert.Equal(repair, head[..repair.Length]);
        Assert.Equal(TestImages.ExpectedRaw(ImageSeed)[repair.Length..], head[repair.Length..]);

        // Only the rescue image's cache stays (as any cached image); the rescue VM's own disk is gone.
        var after = await ManagedVdisAsync();
        var added = Assert.Single(after.Except(before));
        Assert.Equal(rescueImageId.ToString(), (await xen.Vdi.GetRecordAsync(added)).OtherConfig["image-id"]);
        Assert.Equal(RescueState.NotRescued, await driver.GetRescueStateAsync(instance, CancellationToken.None));

        await driver.RescueAsync(instance, rescueImageId, images, TimeSpan.FromSeconds(5), CancellationToken.None);
        await driver.UnrescueAsync(instance, powerOn: true, CancellationToken.None);
        Assert.Equal(after.Select(v => v.OpaqueRef).Order(), (await ManagedVdisAsync()).Select(v => v.OpaqueRef).Order());
        Assert.Equal(2, driver.Images.Imports); // the instance's image and the rescue image, each once
    }

    [Fact]
    public async Task A_rescue_vm_that_fails_to_start_is_rolled_back_and_the_instance_runs_again()
    {
        var instance = await SpawnAsync();
        var before = await ManagedVdisAsync();
        using (var admin = new HttpClient { BaseAddress = sim.Url })
        {
            (await admin.PostAsJsonAsync("/_sim/faults", new { call = "VM.start_on", mode = "fail", count = 1 })).EnsureSuccessStatusCode();
        }

        await Assert.ThrowsAsync<DriverOperationException>(
            () => driver.RescueAsync(instance, rescueImageId, images, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Empty(await xen.Vm.GetByNameLabelAsync(instance.RescueName));
        var (_, original) = await VmAsync(instance.InstanceName);
        Assert.Equal(VmPowerState.Running, original.PowerState);
        Assert.Empty(original.BlockedOperations);
        Assert.DoesNotContain((await ManagedVdisAsync()).Except(before), v => !IsCached(v));
        Assert.Equal(RescueState.NotRescued, await driver.GetRescueStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_rescue_image_fails_before_the_instance_is_touched()
    {
        var instance = await SpawnAsync();

        var error = await Assert.ThrowsAsync<ImageUnavailableException>(
            () => driver.RescueAsync(instance, Guid.NewGuid(), images, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.False(error.Retryable);
        var (_, original) = await VmAsync(instance.InstanceName);
        Assert.Equal((VmPowerState.Running, 0), (original.PowerState, original.BlockedOperations.Count));
        Assert.Equal(RescueState.NotRescued, await driver.GetRescueStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task A_rescue_vm_lost_in_a_crash_leaves_a_partial_state_that_unrescue_clears()
    {
        var instance = await SpawnAsync();
        await driver.RescueAsync(instance, rescueImageId, images, TimeSpan.FromSeconds(5), CancellationToken.None);
        var (rescueVm, _) = await VmAsync(instance.RescueName);
        await xen.Vm.HardShutdownAsync(rescueVm);
        await xen.Vm.DestroyAsync(rescueVm);

        Assert.Equal(RescueState.Partial, await driver.GetRescueStateAsync(instance, CancellationToken.None));
        await driver.UnrescueAsync(instance, powerOn: false, CancellationToken.None);

        var (_, original) = await VmAsync(instance.InstanceName);
        Assert.Equal((VmPowerState.Halted, 0), (original.PowerState, original.BlockedOperations.Count));
        Assert.DoesNotContain((await xen.Vdi.GetAllRecordsAsync()).Values, v => v.OtherConfig.GetValueOrDefault("nova_disk_type") == "rescue");
        Assert.Equal(RescueState.NotRescued, await driver.GetRescueStateAsync(instance, CancellationToken.None));
    }

    [Fact]
    public async Task Destroying_a_rescued_instance_removes_both_vms_and_all_their_disks_but_not_the_caches()
    {
        var instance = await SpawnAsync();
        await driver.RescueAsync(instance, rescueImageId, images, TimeSpan.FromSeconds(5), CancellationToken.None);

        await driver.DestroyAsync(instance, CancellationToken.None);

        Assert.DoesNotContain((await xen.Vm.GetAllRecordsAsync()).Values, v => v.OtherConfig.ContainsKey("nova_uuid"));
        var managed = await ManagedVdisAsync();
        Assert.Equal(2, managed.Count);
        Assert.All(managed, v => Assert.True(IsCached(v)));
    }

    private async Task<VirtInstance> SpawnAsync()
    {
        var id = Guid.NewGuid();
        var instance = new VirtInstance(id, "instance-" + id.ToString("N")[..8], 512, 2, 1, imageId);
        await driver.SpawnAsync(instance, images, CancellationToken.None);
        return instance;
    }

    private async Task<(VmRef Ref, VmRecord Record)> VmAsync(string nameLabel)
    {
        var vm = Assert.Single(await xen.Vm.GetByNameLabelAsync(nameLabel));
        return (vm, await xen.Vm.GetRecordAsync(vm));
    }

    private async Task<List<VbdRecord>> VbdsAsync(VmRecord vm)
    {
        var vbds = new List<VbdRecord>();
        foreach (var vbd in vm.Vbds)
        {
            vbds.Add(await xen.Vbd.GetRecordAsync(vbd));
        }

        return vbds;
    }

    private async Task<VdiRef> DiskAtAsync(VmRecord vm, string userdevice) =>
        (await VbdsAsync(vm)).Single(v => v.Userdevice == userdevice).Vdi;

    private async Task<byte[]> HeadAsync(VdiRef vdi, long length)
    {
        await using var raw = await xen.Transfers.ExportAsync(vdi, VdiTransferFormat.Raw);
        var head = new byte[length];
        await raw.ReadExactlyAsync(head);
        return head;
    }

    /// <summary>The SR's managed VDIs after a scan (what an operator counts; hidden base copies excluded).</summary>
    private async Task<List<VdiRef>> ManagedVdisAsync()
    {
        var all = await xen.Vdi.GetAllRecordsAsync();
        await xen.Sr.ScanAsync(all.Values.First().Sr);
        cached = [.. (await xen.Vdi.GetAllRecordsAsync()).Where(p => p.Value.OtherConfig.ContainsKey("image-id")).Select(p => p.Key)];
        return [.. (await xen.Vdi.GetAllRecordsAsync()).Where(p => p.Value.Managed).Select(p => p.Key)];
    }

    private bool IsCached(VdiRef vdi) => cached.Contains(vdi);
}
