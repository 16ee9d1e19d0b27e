using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Api;

/// <summary>XenAPI class <c>task</c>, plus the polling loop for <c>Async.</c> calls.</summary>
public sealed class TaskApi(XenApiSession session)
{
    public async Task<TaskRef> CreateAsync(string label, string description, CancellationToken ct = default) =>
        WireConvert.ToRef<TaskRef>(await session.CallAsync("task.create", [label, description], ct).ConfigureAwait(false));

    public Task DestroyAsync(TaskRef task, CancellationToken ct = default) => session.CallAsync("task.destroy", [task], ct);

    public Task CancelAsync(TaskRef task, CancellationToken ct = default) => session.CallAsync("task.cancel", [task], ct);

    public async Task<XenTaskStatus> GetStatusAsync(TaskRef task, CancellationToken ct = default) =>
        WireConvert.ToEnum<XenTaskStatus>(await session.CallAsync("task.get_status", [task], ct).ConfigureAwait(false));

    /// <summary>The raw result: an XML-RPC <c>&lt;value&gt;</c> fragment, empty for void.</summary>
    public async Task<string> GetResultAsync(TaskRef task, CancellationToken ct = default) =>
        WireConvert.ToStr(await session.CallAsync("task.get_result", [task], ct).ConfigureAwait(false));

    public async Task<List<string>> GetErrorInfoAsync(TaskRef task, CancellationToken ct = default) =>
        WireConvert.ToStrings(await session.CallAsync("task.get_error_info", [task], ct).ConfigureAwait(false));

    public async Task<TaskRecord> GetRecordAsync(TaskRef task, CancellationToken ct = default) =>
        TaskRecord.FromWire(new WireRecord(WireConvert.ToStruct(await session.CallAsync("task.get_record", [task], ct).ConfigureAwait(false))));

    /// <summary>
    /// Polls <c>task.get_status</c> until the task leaves <c>pending</c>/<c>cancelling</c>. On success returns
    /// the decoded result fragment (null for void); on failure throws <see cref="XenApiFailure"/> from
    /// <c>error_info</c>; a cancelled task throws <c>TASK_CANCELLED</c>.
    /// </summary>
    public async Task<object?> WaitAsync(TaskRef task, CancellationToken ct = default)
    {
        while (true)
        {
            var status = await GetStatusAsync(task, ct).ConfigureAwait(false);
            switch (status)
            {
                case XenTaskStatus.Success:
                    return XmlRpcReader.ValueFragment(await GetResultAsync(task, ct).ConfigureAwait(false));
                case XenTaskStatus.Failure:
                    throw new XenApiFailure(await GetErrorInfoAsync(task, ct).ConfigureAwait(false));
                case XenTaskStatus.Cancelled:
                    throw new XenApiFailure(XenApiErrorCodes.TaskCancelled, [task.OpaqueRef]);
                case XenTaskStatus.Pending or XenTaskStatus.Cancelling:
                    await Task.Delay(session.TaskPollInterval, session.TimeProvider, ct).ConfigureAwait(false);
                    break;
                default:
                    throw new XenApiProtocolException($"task {task} has unknown status");
            }
        }
    }
}
