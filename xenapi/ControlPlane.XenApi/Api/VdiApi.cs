using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>VDI</c>.</summary>
public sealed class VdiApi(XenApiSession session)
{
    public async Task<VdiRef> CreateAsync(VdiRecord record, CancellationToken ct = default) =>
        WireConvert.ToRef<VdiRef>(await session.CallAsync("VDI.create", [record.ToWire()], ct).ConfigureAwait(false));

    public Task DestroyAsync(VdiRef vdi, CancellationToken ct = default) => session.CallAsync("VDI.destroy", [vdi], ct);

    /// <summary>On file SRs a double snapshot: the VDI and the returned snapshot both sit on a new hidden base copy.</summary>
    public async Task<VdiRef> SnapshotAsync(VdiRef vdi, IReadOnlyDictionary<string, string>? driverParams = null, CancellationToken ct = default) =>
        WireConvert.ToRef<VdiRef>(await session.CallAsync("VDI.snapshot", [vdi, (driverParams ?? new Dictionary<string, string>()).ToDictionary()], ct).ConfigureAwait(false));

    public async Task<VdiRef> CloneAsync(VdiRef vdi, IReadOnlyDictionary<string, string>? driverParams = null, CancellationToken ct = default) =>
        WireConvert.ToRef<VdiRef>(await session.CallAsync("VDI.clone", [vdi, (driverParams ?? new Dictionary<string, string>()).ToDictionary()], ct).ConfigureAwait(false));

    /// <summary><c>VDI.copy(vdi, sr)</c>: a flat full copy in <paramref name="sr"/>.</summary>
    public async Task<VdiRef> CopyAsync(VdiRef vdi, SrRef sr, CancellationToken ct = default) =>
        WireConvert.ToRef<VdiRef>(await session.CallAsync("VDI.copy", [vdi, sr], ct).ConfigureAwait(false));

    /// <summary><c>Async.VDI.copy</c>: returns the task; its result is the new VDI ref.</summary>
    public Task<TaskRef> BeginCopyAsync(VdiRef vdi, SrRef sr, CancellationToken ct = default) =>
        session.CallAsyncTaskAsync("VDI.copy", [vdi, sr], ct);

    /// <summary>Grows only; a shrink fails with <c>SR_BACKEND_FAILURE_79</c>.</summary>
    public Task ResizeAsync(VdiRef vdi, long size, CancellationToken ct = default) => session.CallAsync("VDI.resize", [vdi, size], ct);

    public Task ResizeOnlineAsync(VdiRef vdi, long size, CancellationToken ct = default) => session.CallAsync("VDI.resize_online", [vdi, size], ct);

    public async Task<VdiRecord> GetRecordAsync(VdiRef vdi, CancellationToken ct = default) =>
        VdiRecord.FromWire(new WireRecord(WireConvert.ToStruct(await session.CallAsync("VDI.get_record", [vdi], ct).ConfigureAwait(false))));

    public async Task<Dictionary<VdiRef, VdiRecord>> GetAllRecordsAsync(CancellationToken ct = default) =>
        WireConvert.ToRecordMap<VdiRef, VdiRecord>(await session.CallAsync("VDI.get_all_records", [], ct).ConfigureAwait(false), VdiRecord.FromWire);

    /// <summary>e.g. <c>field "name__label"="x" and field "SR"="OpaqueRef:…"</c>.</summary>
    public async Task<Dictionary<VdiRef, VdiRecord>> GetAllRecordsWhereAsync(string expression, CancellationToken ct = default) =>
        WireConvert.ToRecordMap<VdiRef, VdiRecord>(await session.CallAsync("VDI.get_all_records_where", [expression], ct).ConfigureAwait(false), VdiRecord.FromWire);

    public async Task<VdiRef> GetByUuidAsync(string uuid, CancellationToken ct = default) =>
        WireConvert.ToRef<VdiRef>(await session.CallAsync("VDI.get_by_uuid", [uuid], ct).ConfigureAwait(false));

    public async Task<string> GetUuidAsync(VdiRef vdi, CancellationToken ct = default) =>
        WireConvert.ToStr(await session.CallAsync("VDI.get_uuid", [vdi], ct).ConfigureAwait(false));

    public async Task<Dictionary<string, string>> GetSmConfigAsync(VdiRef vdi, CancellationToken ct = default) =>
        WireConvert.ToStringMap(await session.CallAsync("VDI.get_sm_config", [vdi], ct).ConfigureAwait(false));

    public async Task<long> GetVirtualSizeAsync(VdiRef vdi, CancellationToken ct = default) =>
        WireConvert.ToLong(await session.CallAsync("VDI.get_virtual_size", [vdi], ct).ConfigureAwait(false));

    public async Task<Dictionary<string, string>> GetOtherConfigAsync(VdiRef vdi, CancellationToken ct = default) =>
        WireConvert.ToStringMap(await session.CallAsync("VDI.get_other_config", [vdi], ct).ConfigureAwait(false));

    public Task SetNameLabelAsync(VdiRef vdi, string label, CancellationToken ct = default) => session.CallAsync("VDI.set_name_label", [vdi, label], ct);

    public Task SetNameDescriptionAsync(VdiRef vdi, string value, CancellationToken ct = default) => session.CallAsync("VDI.set_name_description", [vdi, value], ct);

    public Task SetOtherConfigAsync(VdiRef vdi, IReadOnlyDictionary<string, string> value, CancellationToken ct = default) =>
        session.CallAsync("VDI.set_other_config", [vdi, value.ToDictionary()], ct);

    public Task AddToOtherConfigAsync(VdiRef vdi, string key, string value, CancellationToken ct = default) =>
        session.CallAsync("VDI.add_to_other_config", [vdi, key, value], ct);

    public Task RemoveFromOtherConfigAsync(VdiRef vdi, string key, CancellationToken ct = default) =>
        session.CallAsync("VDI.remove_from_other_config", [vdi, key], ct);
}
