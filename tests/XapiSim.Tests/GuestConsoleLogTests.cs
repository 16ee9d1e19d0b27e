using System.IO.Compression;
using System.Text;
using ControlPlane.XenApi.Errors;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

/// <summary>dom0's <c>console</c> plugin (<c>host.call_plugin(host, "console", "get_console_log", {"dom_id"})</c>).</summary>
public sealed class GuestConsoleLogTests
{
    [Fact]
    public async Task The_log_of_a_domain_is_returned_zlib_base64_grows_with_each_boot_and_survives_a_shutdown()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var host = (await session.Pool.GetAllRecordsAsync()).Values.Single().Master;
        var vm = await session.Vm.CreateAsync(Records.NovaVm("instance-log"));
        await session.Vm.StartOnAsync(vm, host);
        var first = (await session.Vm.GetRecordAsync(vm)).Domid;

        var log = await ReadAsync(session, host, first);
        await session.Vm.HardRebootAsync(vm);
        var second = (await session.Vm.GetRecordAsync(vm)).Domid;
        await session.Vm.HardShutdownAsync(vm);
        var after = await ReadAsync(session, host, second);

        Assert.Contains("instance-log login:", log, StringComparison.Ordinal);
        Assert.True(log.Split('\n').Length >= 15);
        Assert.StartsWith(log, after, StringComparison.Ordinal);
        Assert.Contains("boot 2", after, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<XenApiFailure>(() => ReadAsync(session, host, 99999));
        Assert.Equal(XenApiErrorCodes.XenApiPluginFailure, missing.Code);
        var unknown = await Assert.ThrowsAsync<XenApiFailure>(() =>
            session.HostApi.CallPluginAsync(host, "no-such-plugin", "f", new Dictionary<string, string>()));
        Assert.Equal(XenApiErrorCodes.XenApiMissingPlugin, unknown.Code);
    }

    private static async Task<string> ReadAsync(ControlPlane.XenApi.Sessions.XenApiSession session, ControlPlane.XenApi.Refs.HostRef host, long domid)
    {
        var raw = await session.HostApi.CallPluginAsync(host, "console", "get_console_log",
            new Dictionary<string, string> { ["dom_id"] = domid.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var zlib = new ZLibStream(new MemoryStream(Convert.FromBase64String(raw)), CompressionMode.Decompress);
        using var reader = new StreamReader(zlib, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
