using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

/// <summary>Fault rules on the <c>export_raw_vdi</c> handler (used by the E2EXen compute-crash test).</summary>
public sealed class ExportFaultTests
{
    private static async Task<SrRef> SrAsync(XenApiSession session) => (await session.Pool.GetAllRecordsAsync()).Values.Single().DefaultSr;

    [Fact]
    public async Task Delay_rule_paces_one_export_per_MiB_and_keeps_its_bytes()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var vdi = await session.Vdi.CreateAsync(Records.Disk(await SrAsync(session), "paced", 4L << 20));
        var data = Disks.Pattern(4L << 20, seed: 7);
        await Disks.WriteRawAsync(session, vdi, data);
        await sim.AdminAsync("/_sim/faults", new { call = "export_raw_vdi", mode = "delay", delayMs = 250 });

        var clock = Stopwatch.StartNew();
        var paced = await Disks.ReadRawAsync(session, vdi);
        var took = clock.Elapsed;

        Assert.Equal(data, paced);
        // A pause after each MiB sent: the client has the whole disk after the third (the fourth follows the last
        // byte), so at least 750 ms less a timer's slack, however fast the machine.
        Assert.True(took >= TimeSpan.FromMilliseconds(700), $"a paced 4 MiB export took {took}");
        var rules = await sim.Http().GetFromJsonAsync<JsonElement>("/_sim/faults");
        Assert.Equal(0, rules.GetArrayLength());
    }

    [Fact]
    public async Task Fail_rule_answers_500_before_any_byte_then_exports_work_again()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var vdi = await session.Vdi.CreateAsync(Records.Disk(await SrAsync(session), "failing", 2L << 20));
        await sim.AdminAsync("/_sim/faults", new { call = "export_raw_vdi", mode = "fail", error = new[] { "VDI_IO_ERROR", "injected" } });

        var failure = await Assert.ThrowsAsync<XenApiProtocolException>(async () =>
        {
            await using var export = await session.Transfers.ExportAsync(vdi, VdiTransferFormat.Raw);
        });

        Assert.Contains("500", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2L << 20, (await Disks.ReadRawAsync(session, vdi)).LongLength);
    }
}
