using ControlPlane.Vhd.Files;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

public sealed class VdiStorageTests
{
    private static async Task<SrRef> SrAsync(XenApiSession session) => (await session.Pool.GetAllRecordsAsync()).Values.Single().DefaultSr;

    [Fact]
    public async Task Create_rounds_to_2_MiB_writes_a_vhd_file_and_accounts_the_sr()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession(ControlPlane.XenApi.Transport.XenApiProtocol.XmlRpc);
        var sr = await SrAsync(session);

        var vdi = await session.Vdi.CreateAsync(Records.Disk(sr, "disk", (10L << 20) + 1));

        var record = await session.Vdi.GetRecordAsync(vdi);
        Assert.Equal(12L << 20, record.VirtualSize);
        Assert.Equal(record.Uuid, record.Location);
        Assert.Equal("root", record.OtherConfig["nova_disk_type"]);
        Assert.Null(record.VhdParent);
        Assert.True(record.Managed);
        using (var file = VhdFile.Open(Path.Combine(sim.SrDirectory, record.Uuid + ".vhd")))
        {
            Assert.Equal(12L << 20, file.VirtualSize);
            Assert.False(file.Hidden);
        }

        var srRecord = await session.Sr.GetRecordAsync(sr);
        Assert.Contains(vdi, srRecord.Vdis);
        Assert.Equal(12L << 20, srRecord.VirtualAllocation);
        Assert.True(srRecord.PhysicalUtilisation > 0);
        Assert.Equal([vdi], (await session.Vdi.GetAllRecordsWhereAsync($"field \"name__label\"=\"disk\" and field \"SR\"=\"{sr.OpaqueRef}\"")).Keys);
    }

    [Fact]
    public async Task Resize_grows_and_refuses_to_shrink_with_sm_error_79()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var vdi = await session.Vdi.CreateAsync(Records.Disk(await SrAsync(session), "disk", 8L << 20));
        var data = Disks.Pattern(8L << 20, seed: 1);
        await Disks.WriteRawAsync(session, vdi, data);

        await session.Vdi.ResizeAsync(vdi, 20L << 20);
        var shrink = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vdi.ResizeAsync(vdi, 4L << 20));

        Assert.Equal(20L << 20, await session.Vdi.GetVirtualSizeAsync(vdi));
        Assert.Equal(XenApiErrorCodes.SrBackendFailureVdiSize, shrink.Code);
        var raw = await Disks.ReadRawAsync(session, vdi);
        Assert.Equal(data, raw[..data.Length]);
        Assert.All(raw[data.Length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Snapshot_makes_the_base_copy_layout()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var sr = await SrAsync(session);
        var leaf = await session.Vdi.CreateAsync(Records.Disk(sr, "instance root", 8L << 20));
        var data = Disks.Pattern(8L << 20, seed: 2);
        await Disks.WriteRawAsync(session, leaf, data);

        var snapshot = await session.Vdi.SnapshotAsync(leaf);

        var leafRecord = await session.Vdi.GetRecordAsync(leaf);
        var snapRecord = await session.Vdi.GetRecordAsync(snapshot);
        var baseUuid = leafRecord.VhdParent!;
        var baseRecord = await session.Vdi.GetRecordAsync(await session.Vdi.GetByUuidAsync(baseUuid));
        Assert.Equal(baseUuid, snapRecord.VhdParent);
        Assert.Equal(baseUuid, (await session.Vdi.GetSmConfigAsync(snapshot))["vhd-parent"]);
        Assert.True(snapRecord.IsASnapshot);
        Assert.Equal(leaf, snapRecord.SnapshotOf);
        Assert.Equal("instance root", snapRecord.NameLabel);
        Assert.Equal("base copy", baseRecord.NameLabel);
        Assert.False(baseRecord.Managed);
        Assert.True(baseRecord.ReadOnly);
        Assert.Null(baseRecord.VhdParent);
        Assert.Contains(snapshot, leafRecord.Snapshots);
        using (var baseFile = VhdFile.Open(Path.Combine(sim.SrDirectory, baseUuid + ".vhd")))
        using (var leafFile = VhdFile.Open(Path.Combine(sim.SrDirectory, leafRecord.Uuid + ".vhd")))
        {
            Assert.True(baseFile.Hidden);
            Assert.Equal(Path.Combine(sim.SrDirectory, baseUuid + ".vhd"), leafFile.ResolveParentPath());
        }

        Assert.Equal(data, await Disks.ReadRawAsync(session, leaf));
        Assert.Equal(data, await Disks.ReadRawAsync(session, snapshot));

        // SR.scan keeps vhd-parent in sync with the VHD headers, even after someone edits sm_config.
        await session.CallAsync("VDI.remove_from_sm_config", [leaf, "vhd-parent"]);
        await session.Sr.ScanAsync(sr);
        Assert.Equal(baseUuid, (await session.Vdi.GetSmConfigAsync(leaf))["vhd-parent"]);
    }

    [Fact]
    public async Task Copy_is_a_flat_vhd_with_the_same_content()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var sr = await SrAsync(session);
        var source = await session.Vdi.CreateAsync(Records.Disk(sr, "cached image", 8L << 20));
        var data = Disks.Pattern(8L << 20, seed: 3);
        await Disks.WriteRawAsync(session, source, data);
        await session.Vdi.SnapshotAsync(source);

        var copy = await session.Vdi.CopyAsync(source, sr);

        var record = await session.Vdi.GetRecordAsync(copy);
        Assert.Null(record.VhdParent);
        Assert.Equal("cached image", record.NameLabel);
        Assert.Equal(data, await Disks.ReadRawAsync(session, copy));
    }

    [Fact]
    public async Task Destroying_a_vdi_removes_its_file_and_record()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var vdi = await session.Vdi.CreateAsync(Records.Disk(await SrAsync(session), "tmp", 4L << 20));
        var uuid = await session.Vdi.GetUuidAsync(vdi);

        await session.Vdi.DestroyAsync(vdi);

        Assert.False(File.Exists(Path.Combine(sim.SrDirectory, uuid + ".vhd")));
        var failure = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vdi.GetRecordAsync(vdi));
        Assert.Equal(["VDI", vdi.OpaqueRef], failure.Parameters);
    }
}
