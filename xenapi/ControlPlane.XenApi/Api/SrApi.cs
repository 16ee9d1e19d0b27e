using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>SR</c>.</summary>
public sealed class SrApi(XenApiSession session)
{
    /// <summary>Re-reads the SR (syncs <c>vhd-parent</c>) and kicks the garbage collector.</summary>
    public Task ScanAsync(SrRef sr, CancellationToken ct = default) => session.CallAsync("SR.scan", [sr], ct);

    public async Task<SrRecord> GetRecordAsync(SrRef sr, CancellationToken ct = default) =>
        SrRecord.FromWire(new WireRecord(WireConvert.ToStruct(await session.CallAsync("SR.get_record", [sr], ct).ConfigureAwait(false))));

    public async Task<Dictionary<SrRef, SrRecord>> GetAllRecordsAsync(CancellationToken ct = default) =>
        WireConvert.ToRecordMap<SrRef, SrRecord>(await session.CallAsync("SR.get_all_records", [], ct).ConfigureAwait(false), SrRecord.FromWire);

    public async Task<List<VdiRef>> GetVdisAsync(SrRef sr, CancellationToken ct = default) =>
        WireConvert.ToRefs<VdiRef>(await session.CallAsync("SR.get_VDIs", [sr], ct).ConfigureAwait(false));

    public async Task<SrRef> GetByUuidAsync(string uuid, CancellationToken ct = default) =>
        WireConvert.ToRef<SrRef>(await session.CallAsync("SR.get_by_uuid", [uuid], ct).ConfigureAwait(false));

    public async Task<List<SrRef>> GetByNameLabelAsync(string label, CancellationToken ct = default) =>
        WireConvert.ToRefs<SrRef>(await session.CallAsync("SR.get_by_name_label", [label], ct).ConfigureAwait(false));
}
