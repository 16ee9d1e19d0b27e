using System.Diagnostics;
using System.Net.Http.Json;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Driver;

/// <summary>What the driver leaves on a XAPI host, seen through the XenAPI as an operator would see it.</summary>
[Trait("Category", "Integration")]
public sealed class XenApiDriverSimTests : IAsyncLifetime
{
    private readonly Guid imageId = Guid.NewGuid();
    private SimHost sim = null!;
    private XenApiSession xen = null!;
    private MemoryImageSource images = null!;

    public async Task InitializeAsync()
    {
        sim = await SimHost.StartAsync();
        xen = sim.NewSession();
        images = new MemoryImageSource().Add(imageId, TestImages.Archive(seed: 7, gzip: true));
    }

    public async Task DisposeAsync()
    {
        await xen.DisposeAsync();
        await sim.DisposeAsync();
    }

    [Fact]
    public async Task Spawn_creates_the_vm_on_a_leaf_chained_to_the_cached_image_and_destroy_leaves_only_the_cache()
    {
        await using var driver = await StartDriverAsync();
        var instance = NewInstance();

        await driver.SpawnAsync(instance, images, CancellationToken.None);

        var (vmRef, vm) = Assert.Single(await xen.Vm.GetAllRecordsAsync(), p => p.Value.OtherConfig.GetValueOrDefault("nova_uuid") == instance.InstanceId.ToString());
        Assert.Equal(instance.InstanceName, vm.NameLabel);
        Assert.Equal(VmPowerState.Running, vm.PowerState);
        Assert.Equal(512L << 20, vm.MemoryStaticMax);
        Assert.Equal(512L << 20, vm.MemoryDynamicMin);
        Assert.Equal(2, vm.VcpusMax);
        Assert.False(vm.ResidentOn.IsNull);
        var vbd = await xen.Vbd.GetRecordAsync(Assert.Single(vm.Vbds));
        Assert.Equal(("0", true, VbdMode.RW, VbdType.Disk), (vbd.Userdevice, vbd.Bootable, vbd.Mode, vbd.Type));

        var leaf = await xen.Vdi.GetRecordAsync(vbd.Vdi);
        Assert.Equal(1L << 30, leaf.VirtualSize);
        Assert.Equal(instance.InstanceId.ToString(), leaf.OtherConfig["nova_instance_uuid"]);
        Assert.False(leaf.OtherConfig.ContainsKey("image-id"));
        var cached = await CachedImagesAsync();
        var (cachedRef, cachedRecord) = Assert.Single(cached);
        var leafChain = await ChainAsync(leaf.Uuid);
        var cacheChain = await ChainAsync(cachedRecord.Uuid);
        Assert.True(leafChain.Count >= 2, "the instance's disk is a differencing leaf");
        Assert.Equal(cacheChain[^1], leafChain[^1]);
        Assert.NotEqual(cachedRecord.Uuid, leaf.Uuid);

        // The guest sees the image's bytes (base + child layers), then zeros up to the flavor size.
        await using (var raw = await xen.Transfers.ExportAsync(vbd.Vdi, VdiTransferFormat.Raw))
        {
            var head = new byte[TestImages.VirtualSize];
            await raw.ReadExactlyAsync(head);
            Assert.Equal(TestImages.ExpectedRaw(7), head);
        }

        await driver.DestroyAsync(instance, CancellationToken.None);

        Assert.DoesNotContain((await xen.Vm.GetAllRecordsAsync()).Values, v => v.OtherConfig.ContainsKey("nova_uuid"));
        await xen.Sr.ScanAsync(leaf.Sr);
        var managed = (await xen.Vdi.GetAllRecordsAsync()).Where(p => p.Value.Managed).ToList();
        Assert.Equal(cachedRef, Assert.Single(managed).Key);
        Assert.All((await xen.Vdi.GetAllRecordsAsync()).Values.Where(v => !v.Managed), v => Assert.Contains(v.Uuid, cacheChain));
    }

    [Fact]
    public async Task Concurrent_spawns_of_one_image_import_it_once()
    {
        await using var driver = await StartDriverAsync();
        var instances = Enumerable.Range(0, 5).Select(_ => NewInstance()).ToList();

        await Task.WhenAll(instances.Select(i => driver.SpawnAsync(i, images, CancellationToken.None)));

        Assert.Equal(1, images.Opened);
        Assert.Equal(1, driver.Images.Imports);
        // Real XAPI refuses chunked import_raw_vdi bodies: the one upload carries its length.
        var upload = Assert.Single(sim.Uploads);
        Assert.True(upload.ContentLength > 0, $"Content-Length {upload.ContentLength}");
        Assert.DoesNotContain("chunked", upload.TransferEncoding, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await CachedImagesAsync());
        foreach (var instance in instances)
        {
            await driver.DestroyAsync(instance, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_hostile_image_fails_the_spawn_for_good_and_leaves_nothing()
    {
        await using var driver = await StartDriverAsync();
        var evil = Guid.NewGuid();
        images.Add(evil, TestImages.Tar([("./0.vhd", new byte[] { 1, 2, 3 }), ("../../escape.vhd", new byte[] { 4 })]));
        var instance = NewInstance() with { ImageId = evil };

        var error = await Assert.ThrowsAsync<ImageUnavailableException>(() => driver.SpawnAsync(instance, images, CancellationToken.None));
        await driver.DestroyAsync(instance, CancellationToken.None);

        Assert.False(error.Retryable);
        Assert.Contains("'..'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await xen.Vdi.GetAllRecordsAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(sim.DataDirectory, "staging")));
        Assert.False(File.Exists(Path.Combine(sim.DataDirectory, "escape.vhd")));
    }

    [Fact]
    public async Task A_clean_shutdown_that_hangs_becomes_a_hard_one_after_the_timeout()
    {
        await using var driver = await StartDriverAsync();
        var instance = NewInstance();
        await driver.SpawnAsync(instance, images, CancellationToken.None);
        using (var admin = new HttpClient { BaseAddress = sim.Url })
        {
            (await admin.PostAsJsonAsync("/_sim/faults", new { call = "VM.clean_shutdown", mode = "delay", delayMs = 10_000, count = 1 })).EnsureSuccessStatusCode();
        }

        var watch = Stopwatch.StartNew();
        await driver.PowerOffAsync(instance, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"power off took {watch.Elapsed}");
        Assert.Equal(DriverPowerState.Shutdown, await driver.GetPowerStateAsync(instance, CancellationToken.None));
        await driver.DestroyAsync(instance, CancellationToken.None);
    }

    [Fact]
    public async Task Without_the_cache_each_instance_gets_its_own_import_and_destroy_leaves_an_empty_sr()
    {
        await using var driver = await StartDriverAsync(o => o.ImageCacheEnabled = false);
        var instance = NewInstance();

        await driver.SpawnAsync(instance, images, CancellationToken.None);
        Assert.Empty(await CachedImagesAsync());
        await driver.DestroyAsync(instance, CancellationToken.None);

        Assert.DoesNotContain((await xen.Vdi.GetAllRecordsAsync()).Values, v => v.Managed);
    }

    [Fact]
    public async Task A_restarted_driver_finds_its_instances_and_the_cached_image()
    {
        var instance = NewInstance();
        await using (var first = await StartDriverAsync())
        {
            await first.SpawnAsync(instance, images, CancellationToken.None);
        }

        await using var second = await StartDriverAsync();
        Assert.Contains(instance.InstanceId, await second.ListInstancesAsync(CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await second.GetPowerStateAsync(instance, CancellationToken.None));
        var other = NewInstance();
        await second.SpawnAsync(other, images, CancellationToken.None);
        Assert.Equal(0, second.Images.Imports);
        await second.DestroyAsync(instance, CancellationToken.None);
        await second.DestroyAsync(other, CancellationToken.None);
    }

    private async Task<XenApiDriver> StartDriverAsync(Action<Options.XenApiDriverOptions>? configure = null)
    {
        var driver = DriverFactory.Create(sim, configure);
        await driver.InitHostAsync("compute-test", CancellationToken.None);
        return driver;
    }

    private VirtInstance NewInstance()
    {
        var id = Guid.NewGuid();
        return new VirtInstance(id, "instance-" + id.ToString("N")[..8], 512, 2, 1, imageId);
    }

    private async Task<List<KeyValuePair<VdiRef, VdiRecord>>> CachedImagesAsync() =>
        [.. (await xen.Vdi.GetAllRecordsAsync()).Where(p => p.Value.OtherConfig.GetValueOrDefault("image-id") == imageId.ToString())];

    /// <summary>Uuids from <paramref name="uuid"/> to its root, following <c>VDI.get_sm_config</c> <c>vhd-parent</c> as Nova does.</summary>
    private async Task<List<string>> ChainAsync(string uuid)
    {
        var chain = new List<string> { uuid };
        while (true)
        {
            var smConfig = await xen.Vdi.GetSmConfigAsync(await xen.Vdi.GetByUuidAsync(chain[^1]));
            if (!smConfig.TryGetValue("vhd-parent", out var parent))
            {
                return chain;
            }

            Assert.True(chain.Count < 30, "chain too deep");
            chain.Add(parent);
        }
    }
}
