using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>VBD</c>.</summary>
public sealed class VbdApi(XenApiSession session)
{
    public async Task<VbdRef> CreateAsync(VbdRecord record, CancellationToken ct = default) =>
        WireConvert.ToRef<VbdRef>(await session.CallAsync("VBD.create", [record.ToWire()], ct).ConfigureAwait(false));

    public Task DestroyAsync(VbdRef vbd, CancellationToken ct = default) => session.CallAsync("VBD.destroy", [vbd], ct);

    /// <summary>Hot-plug into a running VM.</summary>
    public Task PlugAsync(VbdRef vbd, CancellationToken ct = default) => session.CallAsync("VBD.plug", [vbd], ct);

    /// <summary><c>DEVICE_ALREADY_DETACHED</c> when not attached (Nova treats that as success).</summary>
    public Task UnplugAsync(VbdRef vbd, CancellationToken ct = default) => session.CallAsync("VBD.unplug", [vbd], ct);

    public Task UnplugForceAsync(VbdRef vbd, CancellationToken ct = default) => session.CallAsync("VBD.unplug_force", [vbd], ct);

    public async Task<VbdRecord> GetRecordAsync(VbdRef vbd, CancellationToken ct = default) =>
        VbdRecord.FromWire(new WireRecord(WireConvert.ToStruct(await session.CallAsync("VBD.get_record", [vbd], ct).ConfigureAwait(false))));

    public async Task<VdiRef> GetVdiAsync(VbdRef vbd, CancellationToken ct = default) =>
        WireConvert.ToRef<VdiRef>(await session.CallAsync("VBD.get_VDI", [vbd], ct).ConfigureAwait(false));
}
