using ControlPlane.XenApi.Http;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

/// <summary>Uploads larger than Kestrel's default request body limit (30 MB): disk images are.</summary>
public sealed class LargeTransferTests
{
    [Fact]
    public async Task A_raw_import_over_30_MB_is_accepted_and_reads_back()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var sr = (await session.Pool.GetAllRecordsAsync()).Values.Single().DefaultSr;
        const long size = 40L << 20;
        var vdi = await session.Vdi.CreateAsync(Records.Disk(sr, "big", size));
        var data = new byte[size];
        new Random(7).NextBytes(data);

        using (var content = new MemoryStream(data))
        {
            await session.Transfers.ImportAsync(vdi, content, VdiTransferFormat.Raw);
        }

        Assert.Equal(data, await Disks.ReadRawAsync(session, vdi));
    }
}
