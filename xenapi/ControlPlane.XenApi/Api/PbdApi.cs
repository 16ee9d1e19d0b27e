using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>PBD</c>.</summary>
public sealed class PbdApi(XenApiSession session)
{
    public async Task<PbdRecord> GetRecordAsync(PbdRef pbd, CancellationToken ct = default) =>
        PbdRecord.FromWire(new WireRecord(WireConvert.ToStruct(await session.CallAsync("PBD.get_record", [pbd], ct).ConfigureAwait(false))));

    /// <summary>e.g. <c>field "host"="OpaqueRef:…" and field "SR"="OpaqueRef:…"</c>.</summary>
    public async Task<Dictionary<PbdRef, PbdRecord>> GetAllRecordsWhereAsync(string expression, CancellationToken ct = default) =>
        WireConvert.ToRecordMap<PbdRef, PbdRecord>(await session.CallAsync("PBD.get_all_records_where", [expression], ct).ConfigureAwait(false), PbdRecord.FromWire);

    public async Task<Dictionary<PbdRef, PbdRecord>> GetAllRecordsAsync(CancellationToken ct = default) =>
        WireConvert.ToRecordMap<PbdRef, PbdRecord>(await session.CallAsync("PBD.get_all_records", [], ct).ConfigureAwait(false), PbdRecord.FromWire);
}
