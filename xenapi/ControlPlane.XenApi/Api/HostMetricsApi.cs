using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>host_metrics</c>.</summary>
public sealed class HostMetricsApi(XenApiSession session)
{
    public async Task<HostMetricsRecord> GetRecordAsync(HostMetricsRef metrics, CancellationToken ct = default) =>
        HostMetricsRecord.FromWire(new WireRecord(WireConvert.ToStruct(await session.CallAsync("host_metrics.get_record", [metrics], ct).ConfigureAwait(false))));
}
