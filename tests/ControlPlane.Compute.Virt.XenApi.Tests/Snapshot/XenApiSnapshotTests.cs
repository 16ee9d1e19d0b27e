using ControlPlane.Compute.DriverConformance;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using System.Net.Http.Json;
using ControlPlane.XenApi.Enums;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Snapshot;

/// <summary>XenApiDriver.SnapshotAsync on XapiSim: the archive, booting from it, running and halted VMs, the coalesce wait.</summary>
[Trait("Category", "Integration")]
public sealed class XenApiSnapshotTests : SnapshotSimTestBase
{
    [Fact]
    public async Task A_running_vm_snapshots_into_a_chain_tar_that_boots_with_the_disk_as_it_was()
    {
        var driver = await StartDriverAsync();
        var first = await SpawnAsync(driver);
        var root = await RootVdiAsync(first);
        await WritePatternAsync(root, seed: 1, offset: 6L << 20, length: 300_000);
        var atSnapshot = await RawAsync(root);
        var upload = new MemorySnapshotUpload();
        var phases = new List<SnapshotPhase>();

        await driver.SnapshotAsync(first, upload, Record(phases), CancellationToken.None);
        await WritePatternAsync(root, seed: 2, offset: 6L << 20, length: 300_000);

        Assert.Equal([SnapshotPhase.PendingUpload, SnapshotPhase.Uploading], phases);
        Assert.Equal((1, true), (upload.Calls, upload.Completed));
        var sizes = AssertChainArchive(upload.Bytes);
        Assert.True(sizes.Count >= 2, $"a clone of the cached image snapshots as a chain ({sizes.Count} member(s))");
        Assert.Equal(DriverPowerState.Running, await driver.GetPowerStateAsync(first, CancellationToken.None));
        Assert.DoesNotContain((await VdisAsync()).Values, v => v.IsASnapshot);
        Assert.NotEqual(atSnapshot, await RawAsync(root));

        Images.Add(upload.ImageId, upload.Bytes);
        var second = await SpawnAsync(driver, upload.ImageId);
        Assert.Equal(atSnapshot, await RawAsync(await RootVdiAsync(second)));
    }

    [Fact]
    public async Task A_halted_vm_snapshots_and_stays_halted()
    {
        var driver = await StartDriverAsync(o => o.ImageCacheEnabled = false);
        var first = await SpawnAsync(driver);
        var root = await RootVdiAsync(first);
        await WritePatternAsync(root, seed: 3, offset: 1L << 20, length: 5000);
        await driver.PowerOffAsync(first, TimeSpan.FromSeconds(5), CancellationToken.None);
        var atSnapshot = await RawAsync(root);
        var upload = new MemorySnapshotUpload();

        await driver.SnapshotAsync(first, upload, Record([]), CancellationToken.None);

        Assert.Equal(DriverPowerState.Shutdown, await driver.GetPowerStateAsync(first, CancellationToken.None));
        // Its own import had no parent: the chain is the snapshot's empty leaf over the base copy.
        Assert.Equal(2, AssertChainArchive(upload.Bytes).Count);
        Assert.DoesNotContain((await VdisAsync()).Values, v => v.IsASnapshot);
        Images.Add(upload.ImageId, upload.Bytes);
        var second = await SpawnAsync(driver, upload.ImageId);
        Assert.Equal(atSnapshot, await RawAsync(await RootVdiAsync(second)));
    }

    [Fact]
    public async Task A_second_snapshot_waits_for_the_coalesce_of_the_base_copy_then_uploads_the_settled_chain()
    {
        var driver = await StartDriverAsync();
        var vm = await SpawnAsync(driver);
        var root = await RootVdiAsync(vm);
        await driver.SnapshotAsync(vm, new MemorySnapshotUpload(), Record([]), CancellationToken.None);
        await WritePatternAsync(root, seed: 4, offset: 3L << 20, length: 70_000);
        var atSnapshot = await RawAsync(root);
        var parentBefore = (await Xen.Vdi.GetSmConfigAsync(root))["vhd-parent"];
        var upload = new MemorySnapshotUpload();

        await driver.SnapshotAsync(vm, upload, Record([]), CancellationToken.None);

        // The base copy of the second snapshot was coalesced: the root hangs off its old parent again.
        Assert.Equal(parentBefore, (await Xen.Vdi.GetSmConfigAsync(root))["vhd-parent"]);
        var sizes = AssertChainArchive(upload.Bytes);
        Assert.Equal(3, sizes.Count);
        Images.Add(upload.ImageId, upload.Bytes);
        var copy = await SpawnAsync(driver, upload.ImageId);
        Assert.Equal(atSnapshot, await RawAsync(await RootVdiAsync(copy)));
        Assert.Equal(VmPowerState.Running, (await Xen.Vm.GetAllRecordsAsync()).Values.Single(v => v.OtherConfig.GetValueOrDefault("nova_uuid") == vm.InstanceId.ToString()).PowerState);
    }

    [Fact]
    public async Task Leftovers_of_an_interrupted_snapshot_are_removed_by_the_next_one_but_never_the_cached_image()
    {
        var driver = await StartDriverAsync();
        var vm = await SpawnAsync(driver);
        var root = await RootVdiAsync(vm);
        var leftover = await Xen.Vdi.SnapshotAsync(root);
        var leftoverUuid = await Xen.Vdi.GetUuidAsync(leftover);
        var cached = (await VdisAsync()).Single(p => p.Value.OtherConfig.GetValueOrDefault("image-id") == ImageId.ToString());

        await driver.SnapshotAsync(vm, new MemorySnapshotUpload(), Record([]), CancellationToken.None);

        var after = await VdisAsync();
        Assert.DoesNotContain(after.Values, v => v.Uuid == leftoverUuid);
        Assert.Contains(cached.Key, after.Keys);
        Assert.DoesNotContain(after.Values, v => v.IsASnapshot);
    }

    [Fact]
    public async Task A_restarted_compute_removes_the_snapshot_vdis_it_left_mid_snapshot_but_not_another_hosts()
    {
        var driver = await StartDriverAsync();
        var vm = await SpawnAsync(driver);
        var root = await RootVdiAsync(vm);
        var ours = await Xen.Vdi.SnapshotAsync(root);
        var theirs = await Xen.Vdi.SnapshotAsync(root);
        foreach (var (vdi, host) in new[] { (ours, "compute-test"), (theirs, "another-compute") })
        {
            await Xen.Vdi.SetOtherConfigAsync(vdi, new Dictionary<string, string>
            {
                ["nova_instance_uuid"] = vm.InstanceId.ToString(),
                ["nova_disk_type"] = "snapshot",
                ["controlplane_snapshot_host"] = host,
            });
        }

        await StartDriverAsync();

        var left = await VdisAsync();
        Assert.DoesNotContain(ours, left.Keys);
        Assert.Contains(theirs, left.Keys);
    }

    [Fact]
    public async Task A_busy_sr_scan_is_retried_after_2_4_and_8_s_of_the_drivers_clock()
    {
        var vm = await SpawnAsync(await StartDriverAsync());
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var driver = new XenApiDriver(Microsoft.Extensions.Options.Options.Create(DriverFactory.Options(Sim)), clock, NullLogger<XenApiDriver>.Instance);
        await driver.InitHostAsync("compute-test", CancellationToken.None);
        using (var admin = new HttpClient { BaseAddress = Sim.Url })
        {
            (await admin.PostAsJsonAsync("/_sim/faults", new { call = "SR.scan", mode = "fail", count = 3, error = new[] { "SR_BACKEND_FAILURE_40", "", "The SR scan failed", "" } })).EnsureSuccessStatusCode();
        }

        var upload = new MemorySnapshotUpload();
        var snapshot = driver.SnapshotAsync(vm, upload, Record([]), CancellationToken.None);

        // The snapshot's first SR.scan is its first wait on a clock: each retry must be a timer on the driver's clock
        // (a wall-clock wait would leave no timer and time out here), due exactly 2, 4 then 8 s later.
        var retries = new List<TimeSpan>();
        for (var retry = 1; retry <= 3; retry++)
        {
            retries.Add(await clock.AdvanceToNextTimerAsync($"the driver waits before SR.scan retry {retry}"));
        }

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], retries);
        await RunOnFakeClockAsync(clock, snapshot);

        Assert.True(upload.Completed);
        AssertChainArchive(upload.Bytes);
    }

    [Fact]
    public async Task An_unknown_instance_is_InstanceNotFound_and_nothing_is_uploaded()
    {
        var driver = await StartDriverAsync();
        var upload = new MemorySnapshotUpload();
        var ghost = new VirtInstance(Guid.NewGuid(), "instance-ghost", 256, 1, 0, ImageId);

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => driver.SnapshotAsync(ghost, upload, Record([]), CancellationToken.None));

        Assert.Equal(0, upload.Calls);
    }

    /// <summary>Fires the driver's later clock waits (coalesce polls) until <paramref name="operation"/> completes.</summary>
    private static async Task RunOnFakeClockAsync(FakeClock clock, Task operation)
    {
        _ = operation.ContinueWith(_ => clock.TimersChanged.Notify(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (true)
        {
            await clock.TimersChanged.UntilAsync(() => operation.IsCompleted || clock.NextDueAt is not null, "the operation finishes or waits on the clock");
            if (operation.IsCompleted)
            {
                await operation;
                return;
            }

            await clock.AdvanceToNextTimerAsync("the operation's next wait on the clock");
        }
    }
}
