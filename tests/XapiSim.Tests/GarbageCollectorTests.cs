using System.Net.Http.Json;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using XapiSim.Gc;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

public sealed class GarbageCollectorTests
{
    private static async Task<SrRef> SrAsync(XenApiSession session) => (await session.Pool.GetAllRecordsAsync()).Values.Single().DefaultSr;

    /// <summary>Nova's _wait_for_vhd_coalesce, as a bounded condition: scan, read the leaf's vhd-parent.</summary>
    private static Task WaitForParentAsync(XenApiSession session, SrRef sr, VdiRef leaf, string expectedParent) =>
        Eventually.UntilAsync(async () =>
        {
            await session.Sr.ScanAsync(sr);
            return (await session.Vdi.GetSmConfigAsync(leaf)).GetValueOrDefault("vhd-parent") == expectedParent;
        }, $"the leaf's vhd-parent is {expectedParent}");

    [Fact]
    public async Task Hidden_single_child_base_copy_is_coalesced_into_its_parent_and_the_leaf_relinked()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var sr = await SrAsync(session);
        await sim.AdminAsync("/_sim/gc", new { paused = true });
        var leaf = await session.Vdi.CreateAsync(Records.Disk(sr, "root", 8L << 20));
        var first = Disks.Pattern(8L << 20, seed: 10);
        await Disks.WriteRawAsync(session, leaf, first);
        var snap1 = await session.Vdi.SnapshotAsync(leaf);
        var base1 = (await session.Vdi.GetSmConfigAsync(leaf))["vhd-parent"];
        await session.Vdi.DestroyAsync(snap1);
        var second = Disks.Pattern(8L << 20, seed: 11);
        await Disks.WriteRawAsync(session, leaf, second);

        // leaf → B2 → B1 and snap2 → B2: B2 is hidden, B1's only child and has children: coalesce B2 into B1.
        var snap2 = await session.Vdi.SnapshotAsync(leaf);
        var base2 = (await session.Vdi.GetSmConfigAsync(leaf))["vhd-parent"];
        Assert.Equal(base1, (await session.Vdi.GetRecordAsync(await session.Vdi.GetByUuidAsync(base2))).VhdParent);
        var snapshotContent = await Disks.ReadRawAsync(session, snap2);
        await session.Vdi.DestroyAsync(snap2);

        // Keep the leaf itself out of leaf-coalesce so the relinked chain stays observable.
        await session.Vdi.AddToOtherConfigAsync(leaf, "leaf-coalesce", "false");
        await sim.AdminAsync("/_sim/gc", new { paused = false });

        await WaitForParentAsync(session, sr, leaf, base1);

        Assert.False(File.Exists(Path.Combine(sim.SrDirectory, base2 + ".vhd")));
        Assert.Equal(second, snapshotContent);
        Assert.Equal(second, await Disks.ReadRawAsync(session, leaf));
        var status = sim.Services.GetService(typeof(SrGarbageCollector)) as SrGarbageCollector;
        Assert.True(status!.Status().Coalesced >= 1);
        Assert.Null(status.Status().LastError);
    }

    [Fact]
    public async Task Hidden_leaves_are_garbage_and_empty_base_copies_follow()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var sr = await SrAsync(session);
        var leaf = await session.Vdi.CreateAsync(Records.Disk(sr, "root", 4L << 20));
        var snapshot = await session.Vdi.SnapshotAsync(leaf);

        await session.Vdi.DestroyAsync(leaf);
        await session.Vdi.DestroyAsync(snapshot);

        await Eventually.UntilAsync(
            () => !Directory.EnumerateFiles(sim.SrDirectory, "*.vhd").Any(),
            "the SR holds no VHD files");
        await session.Sr.ScanAsync(sr);
        Assert.Empty((await session.Sr.GetRecordAsync(sr)).Vdis);
    }

    [Fact]
    public async Task Paused_gc_keeps_work_pending_until_resumed()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var sr = await SrAsync(session);
        await sim.AdminAsync("/_sim/gc", new { paused = true });
        var leaf = await session.Vdi.CreateAsync(Records.Disk(sr, "root", 4L << 20));
        var snapshot = await session.Vdi.SnapshotAsync(leaf);
        var baseUuid = (await session.Vdi.GetSmConfigAsync(leaf))["vhd-parent"];
        await session.Vdi.DestroyAsync(leaf);
        await session.Vdi.DestroyAsync(snapshot);

        var paused = await sim.Http().GetFromJsonAsync<GcStatus>("/_sim/gc");
        Assert.True(paused!.Paused);
        Assert.True(paused.Pending);
        Assert.True(File.Exists(Path.Combine(sim.SrDirectory, baseUuid + ".vhd")));

        await sim.AdminAsync("/_sim/gc", new { paused = false, run = true });

        await Eventually.UntilAsync(() => !File.Exists(Path.Combine(sim.SrDirectory, baseUuid + ".vhd")), "the base copy is collected");
    }

    [Fact]
    public async Task Nothing_is_deleted_while_an_unreadable_vhd_sits_in_the_sr()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var sr = await SrAsync(session);
        await File.WriteAllBytesAsync(Path.Combine(sim.SrDirectory, Guid.NewGuid() + ".vhd"), new byte[4096]);
        var leaf = await session.Vdi.CreateAsync(Records.Disk(sr, "root", 4L << 20));
        var snapshot = await session.Vdi.SnapshotAsync(leaf);
        var baseUuid = (await session.Vdi.GetSmConfigAsync(leaf))["vhd-parent"];
        await session.Vdi.DestroyAsync(leaf);
        await session.Vdi.DestroyAsync(snapshot);
        var gc = (SrGarbageCollector)sim.Services.GetService(typeof(SrGarbageCollector))!;
        var runsBefore = gc.Status().Runs;

        await sim.AdminAsync("/_sim/gc", new { run = true });
        await Eventually.UntilAsync(() => gc.Status().Runs > runsBefore && !gc.Status().Pending, "a GC run completed");

        Assert.True(File.Exists(Path.Combine(sim.SrDirectory, baseUuid + ".vhd")));
        Assert.Equal(0, gc.Status().Deleted);
    }

    [Fact]
    public async Task A_leaf_alone_on_its_hidden_parent_is_leaf_coalesced_and_keeps_its_uuid()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var sr = await SrAsync(session);
        await sim.AdminAsync("/_sim/gc", new { paused = true });
        var cache = await session.Vdi.CreateAsync(Records.Disk(sr, "cached image", 4L << 20));
        var data = Disks.Pattern(4L << 20, seed: 40);
        await Disks.WriteRawAsync(session, cache, data);
        var clone = await session.Vdi.CloneAsync(cache);
        var uuid = await session.Vdi.GetUuidAsync(cache);
        await session.Vdi.DestroyAsync(clone);
        await sim.AdminAsync("/_sim/gc", new { paused = false });

        await Eventually.UntilAsync(async () =>
        {
            await session.Sr.ScanAsync(sr);
            return !(await session.Vdi.GetSmConfigAsync(cache)).ContainsKey("vhd-parent");
        }, "the cached image is a single VHD again");

        Assert.Equal(uuid, await session.Vdi.GetUuidAsync(cache));
        Assert.Equal(data, await Disks.ReadRawAsync(session, cache));
        Assert.Equal([uuid + ".vhd"], Directory.EnumerateFiles(sim.SrDirectory, "*.vhd").Select(Path.GetFileName));
        Assert.Equal([cache], (await session.Sr.GetRecordAsync(sr)).Vdis);
    }
}
