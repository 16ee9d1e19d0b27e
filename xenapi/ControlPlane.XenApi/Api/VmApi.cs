using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>VM</c>. Parameter order follows the datamodel (session first, added by the session).</summary>
public sealed class VmApi(XenApiSession session)
{
    public async Task<VmRef> CreateAsync(VmRecord record, CancellationToken ct = default) =>
        WireConvert.ToRef<VmRef>(await session.CallAsync("VM.create", [record.ToWire()], ct).ConfigureAwait(false));

    public Task DestroyAsync(VmRef vm, CancellationToken ct = default) => session.CallAsync("VM.destroy", [vm], ct);

    public Task StartAsync(VmRef vm, bool startPaused = false, bool force = false, CancellationToken ct = default) =>
        session.CallAsync("VM.start", [vm, startPaused, force], ct);

    public Task StartOnAsync(VmRef vm, HostRef host, bool startPaused = false, bool force = false, CancellationToken ct = default) =>
        session.CallAsync("VM.start_on", [vm, host, startPaused, force], ct);

    public Task CleanShutdownAsync(VmRef vm, CancellationToken ct = default) => session.CallAsync("VM.clean_shutdown", [vm], ct);

    public Task HardShutdownAsync(VmRef vm, CancellationToken ct = default) => session.CallAsync("VM.hard_shutdown", [vm], ct);

    public Task CleanRebootAsync(VmRef vm, CancellationToken ct = default) => session.CallAsync("VM.clean_reboot", [vm], ct);

    public Task HardRebootAsync(VmRef vm, CancellationToken ct = default) => session.CallAsync("VM.hard_reboot", [vm], ct);

    public Task PauseAsync(VmRef vm, CancellationToken ct = default) => session.CallAsync("VM.pause", [vm], ct);

    public Task UnpauseAsync(VmRef vm, CancellationToken ct = default) => session.CallAsync("VM.unpause", [vm], ct);

    /// <summary><c>VM.suspend</c>: Running only; XAPI writes the memory to a suspend image (<c>suspend_VDI</c>).</summary>
    public Task SuspendAsync(VmRef vm, CancellationToken ct = default) => session.CallAsync("VM.suspend", [vm], ct);

    /// <summary><c>VM.resume(vm, start_paused, force)</c>: Suspended only; the suspend image is destroyed.</summary>
    public Task ResumeAsync(VmRef vm, bool startPaused = false, bool force = false, CancellationToken ct = default) =>
        session.CallAsync("VM.resume", [vm, startPaused, force], ct);

    /// <summary><c>Async.VM.start_on</c>: returns the task at once.</summary>
    public Task<TaskRef> BeginStartOnAsync(VmRef vm, HostRef host, bool startPaused = false, bool force = false, CancellationToken ct = default) =>
        session.CallAsyncTaskAsync("VM.start_on", [vm, host, startPaused, force], ct);

    /// <summary><c>Async.VM.clean_shutdown</c>: returns the task at once.</summary>
    public Task<TaskRef> BeginCleanShutdownAsync(VmRef vm, CancellationToken ct = default) =>
        session.CallAsyncTaskAsync("VM.clean_shutdown", [vm], ct);

    /// <summary><c>Async.VM.hard_shutdown</c>: returns the task at once.</summary>
    public Task<TaskRef> BeginHardShutdownAsync(VmRef vm, CancellationToken ct = default) =>
        session.CallAsyncTaskAsync("VM.hard_shutdown", [vm], ct);

    public async Task<VmRecord> GetRecordAsync(VmRef vm, CancellationToken ct = default) =>
        VmRecord.FromWire(new WireRecord(WireConvert.ToStruct(await session.CallAsync("VM.get_record", [vm], ct).ConfigureAwait(false))));

    public async Task<Dictionary<VmRef, VmRecord>> GetAllRecordsAsync(CancellationToken ct = default) =>
        WireConvert.ToRecordMap<VmRef, VmRecord>(await session.CallAsync("VM.get_all_records", [], ct).ConfigureAwait(false), VmRecord.FromWire);

    /// <summary>e.g. <c>field "is_control_domain"="false" and field "resident_on"="OpaqueRef:…"</c>.</summary>
    public async Task<Dictionary<VmRef, VmRecord>> GetAllRecordsWhereAsync(string expression, CancellationToken ct = default) =>
        WireConvert.ToRecordMap<VmRef, VmRecord>(await session.CallAsync("VM.get_all_records_where", [expression], ct).ConfigureAwait(false), VmRecord.FromWire);

    public async Task<VmRef> GetByUuidAsync(string uuid, CancellationToken ct = default) =>
        WireConvert.ToRef<VmRef>(await session.CallAsync("VM.get_by_uuid", [uuid], ct).ConfigureAwait(false));

    public async Task<List<VmRef>> GetByNameLabelAsync(string label, CancellationToken ct = default) =>
        WireConvert.ToRefs<VmRef>(await session.CallAsync("VM.get_by_name_label", [label], ct).ConfigureAwait(false));

    public async Task<VmPowerState> GetPowerStateAsync(VmRef vm, CancellationToken ct = default) =>
        WireConvert.ToEnum<VmPowerState>(await session.CallAsync("VM.get_power_state", [vm], ct).ConfigureAwait(false));

    public async Task<List<VbdRef>> GetVbdsAsync(VmRef vm, CancellationToken ct = default) =>
        WireConvert.ToRefs<VbdRef>(await session.CallAsync("VM.get_VBDs", [vm], ct).ConfigureAwait(false));

    public async Task<List<ConsoleRef>> GetConsolesAsync(VmRef vm, CancellationToken ct = default) =>
        WireConvert.ToRefs<ConsoleRef>(await session.CallAsync("VM.get_consoles", [vm], ct).ConfigureAwait(false));

    public async Task<Dictionary<string, string>> GetOtherConfigAsync(VmRef vm, CancellationToken ct = default) =>
        WireConvert.ToStringMap(await session.CallAsync("VM.get_other_config", [vm], ct).ConfigureAwait(false));

    public Task SetNameLabelAsync(VmRef vm, string label, CancellationToken ct = default) => session.CallAsync("VM.set_name_label", [vm, label], ct);

    public Task SetOtherConfigAsync(VmRef vm, IReadOnlyDictionary<string, string> value, CancellationToken ct = default) =>
        session.CallAsync("VM.set_other_config", [vm, value.ToDictionary()], ct);

    public Task AddToOtherConfigAsync(VmRef vm, string key, string value, CancellationToken ct = default) =>
        session.CallAsync("VM.add_to_other_config", [vm, key, value], ct);

    public Task RemoveFromOtherConfigAsync(VmRef vm, string key, CancellationToken ct = default) =>
        session.CallAsync("VM.remove_from_other_config", [vm, key], ct);

    /// <summary>Nova's bootlock sets <c>{"start": ""}</c>.</summary>
    public Task SetBlockedOperationsAsync(VmRef vm, IReadOnlyDictionary<string, string> value, CancellationToken ct = default) =>
        session.CallAsync("VM.set_blocked_operations", [vm, value.ToDictionary()], ct);

    public Task AddToBlockedOperationsAsync(VmRef vm, string operation, string value, CancellationToken ct = default) =>
        session.CallAsync("VM.add_to_blocked_operations", [vm, operation, value], ct);

    public Task RemoveFromBlockedOperationsAsync(VmRef vm, string operation, CancellationToken ct = default) =>
        session.CallAsync("VM.remove_from_blocked_operations", [vm, operation], ct);
}
