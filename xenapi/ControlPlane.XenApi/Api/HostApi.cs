using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>host</c>.</summary>
public sealed class HostApi(XenApiSession session)
{
    public async Task<List<HostRef>> GetAllAsync(CancellationToken ct = default) =>
        WireConvert.ToRefs<HostRef>(await session.CallAsync("host.get_all", [], ct).ConfigureAwait(false));

    public async Task<HostRecord> GetRecordAsync(HostRef host, CancellationToken ct = default) =>
        HostRecord.FromWire(new WireRecord(WireConvert.ToStruct(await session.CallAsync("host.get_record", [host], ct).ConfigureAwait(false))));

    public async Task<Dictionary<HostRef, HostRecord>> GetAllRecordsAsync(CancellationToken ct = default) =>
        WireConvert.ToRecordMap<HostRef, HostRecord>(await session.CallAsync("host.get_all_records", [], ct).ConfigureAwait(false), HostRecord.FromWire);

    /// <summary>Bytes a new VM could use now.</summary>
    public async Task<long> ComputeFreeMemoryAsync(HostRef host, CancellationToken ct = default) =>
        WireConvert.ToLong(await session.CallAsync("host.compute_free_memory", [host], ct).ConfigureAwait(false));

    public async Task<Dictionary<string, string>> GetSoftwareVersionAsync(HostRef host, CancellationToken ct = default) =>
        WireConvert.ToStringMap(await session.CallAsync("host.get_software_version", [host], ct).ConfigureAwait(false));

    /// <summary><c>host.call_plugin(host, plugin, fn, args)</c>: runs a dom0 plugin function (e.g. <c>console</c> /
    /// <c>get_console_log</c>) and returns its string result.</summary>
    public async Task<string> CallPluginAsync(HostRef host, string plugin, string fn, IReadOnlyDictionary<string, string> args, CancellationToken ct = default) =>
        WireConvert.ToStr(await session.CallAsync("host.call_plugin", [host, plugin, fn, args.ToDictionary()], ct).ConfigureAwait(false));

    /// <summary><c>session.get_this_host(session, self)</c>: the host this session is logged in to.</summary>
    public async Task<HostRef> GetThisHostAsync(CancellationToken ct = default)
    {
        var self = session.SessionRef?.OpaqueRef;
        var result = await session.CallAsync("session.get_this_host", [self ?? ""], ct).ConfigureAwait(false);
        return WireConvert.ToRef<HostRef>(result);
    }
}
