using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>console</c>.</summary>
public sealed class ConsoleApi(XenApiSession session)
{
    public async Task<ConsoleRecord> GetRecordAsync(ConsoleRef console, CancellationToken ct = default) =>
        ConsoleRecord.FromWire(new WireRecord(WireConvert.ToStruct(await session.CallAsync("console.get_record", [console], ct).ConfigureAwait(false))));

    public async Task<string> GetLocationAsync(ConsoleRef console, CancellationToken ct = default) =>
        WireConvert.ToStr(await session.CallAsync("console.get_location", [console], ct).ConfigureAwait(false));
}
