using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>pool</c>.</summary>
public sealed class PoolApi(XenApiSession session)
{
    public async Task<List<PoolRef>> GetAllAsync(CancellationToken ct = default) =>
        WireConvert.ToRefs<PoolRef>(await session.CallAsync("pool.get_all", [], ct).ConfigureAwait(false));

    public async Task<Dictionary<PoolRef, PoolRecord>> GetAllRecordsAsync(CancellationToken ct = default) =>
        WireConvert.ToRecordMap<PoolRef, PoolRecord>(await session.CallAsync("pool.get_all_records", [], ct).ConfigureAwait(false), PoolRecord.FromWire);

    public async Task<SrRef> GetDefaultSrAsync(PoolRef pool, CancellationToken ct = default) =>
        WireConvert.ToRef<SrRef>(await session.CallAsync("pool.get_default_SR", [pool], ct).ConfigureAwait(false));
}
