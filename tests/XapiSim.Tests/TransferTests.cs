using System.Net;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

public sealed class TransferTests
{
    private static async Task<SrRef> SrAsync(XenApiSession session) => (await session.Pool.GetAllRecordsAsync()).Values.Single().DefaultSr;

    [Fact]
    public async Task Raw_import_then_raw_and_vhd_export_round_trip()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var sr = await SrAsync(session);
        var source = await session.Vdi.CreateAsync(Records.Disk(sr, "src", 6L << 20));
        var target = await session.Vdi.CreateAsync(Records.Disk(sr, "dst", 6L << 20));
        var data = Disks.Pattern(6L << 20, seed: 20);
        await Disks.WriteRawAsync(session, source, data[..(5 << 20)]);
        await session.Vdi.SnapshotAsync(source);

        using var vhd = new MemoryStream();
        await using (var export = await session.Transfers.ExportAsync(source, VdiTransferFormat.Vhd))
        {
            await export.CopyToAsync(vhd);
        }

        vhd.Position = 0;
        await session.Transfers.ImportAsync(target, vhd, VdiTransferFormat.Vhd);

        var expected = data[..(5 << 20)].Concat(new byte[1 << 20]).ToArray();
        Assert.Equal(expected, await Disks.ReadRawAsync(session, source));
        Assert.Equal(expected, await Disks.ReadRawAsync(session, target));
        Assert.Equal("conectix", System.Text.Encoding.ASCII.GetString(vhd.ToArray(), (int)vhd.Length - 512, 8));
    }

    [Fact]
    public async Task Oversized_raw_and_invalid_vhd_uploads_are_refused_without_writing()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var vdi = await session.Vdi.CreateAsync(Records.Disk(await SrAsync(session), "dst", 2L << 20));
        var before = await Disks.ReadRawAsync(session, vdi);

        await Assert.ThrowsAsync<ControlPlane.XenApi.Errors.XenApiProtocolException>(() => Disks.WriteRawAsync(session, vdi, new byte[(2 << 20) + 512]));
        using var garbage = new MemoryStream(Enumerable.Repeat((byte)0x41, 4096).ToArray());
        await Assert.ThrowsAsync<ControlPlane.XenApi.Errors.XenApiProtocolException>(() => session.Transfers.ImportAsync(vdi, garbage, VdiTransferFormat.Vhd));

        Assert.Equal(before, await Disks.ReadRawAsync(session, vdi));
        Assert.Empty(Directory.EnumerateFiles(sim.SrDirectory, "*.tmp"));
    }

    [Fact]
    public async Task Transfers_need_a_valid_session()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var vdi = await session.Vdi.CreateAsync(Records.Disk(await SrAsync(session), "d", 2L << 20));

        using var response = await sim.Http().GetAsync($"/export_raw_vdi?session_id=OpaqueRef:bogus&vdi={vdi.OpaqueRef}&format=raw");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
