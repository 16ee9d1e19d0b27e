using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Resize;

/// <summary>Log messages of the XenAPI driver's resize and cold migration (EventIds 3530-3549).</summary>
internal static partial class ResizeLog
{
    [LoggerMessage(EventId = 3530, EventName = "XenApiResizeDiskSent", Level = LogLevel.Information,
        Message = "instance {InstanceId} migration {MigrationId}: disk {Index} (VDI {VdiUuid}, leaf {IsLeaf}) sent, {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void DiskSent(ILogger logger, Guid instanceId, Guid migrationId, int index, string vdiUuid, bool isLeaf, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 3531, EventName = "XenApiResizeSourceDone", Level = LogLevel.Information,
        Message = "instance {InstanceId} migration {MigrationId}: source kept as {OrigName}, {Disks} disk(s) sent in {ElapsedMs} ms (shrunk {Shrunk})")]
    public static partial void SourceDone(ILogger logger, Guid instanceId, Guid migrationId, string origName, int disks, long elapsedMs, bool shrunk);

    [LoggerMessage(EventId = 3532, EventName = "XenApiResizeSourceRolledBack", Level = LogLevel.Warning,
        Message = "instance {InstanceId} migration {MigrationId}: source rolled back (powered on {PoweredOn}) after: {Reason}")]
    public static partial void SourceRolledBack(ILogger logger, Guid instanceId, Guid migrationId, bool poweredOn, string reason);

    [LoggerMessage(EventId = 3533, EventName = "XenApiResizeDiskReceived", Level = LogLevel.Information,
        Message = "migration {MigrationId}: disk {Index} received into VDI {VdiUuid}, {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void DiskReceived(ILogger logger, Guid migrationId, int index, string vdiUuid, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 3534, EventName = "XenApiResizeFinished", Level = LogLevel.Information,
        Message = "instance {InstanceId} migration {MigrationId}: VM built from {Disks} disk(s), root {RootBytes} bytes, {MemoryMb} MiB, {Vcpus} vcpus, started {Started}")]
    public static partial void Finished(ILogger logger, Guid instanceId, Guid migrationId, int disks, long rootBytes, int memoryMb, int vcpus, bool started);

    [LoggerMessage(EventId = 3535, EventName = "XenApiResizeAborted", Level = LogLevel.Information,
        Message = "migration {MigrationId}: {Vdis} received VDI(s) removed")]
    public static partial void Aborted(ILogger logger, Guid migrationId, int vdis);

    [LoggerMessage(EventId = 3536, EventName = "XenApiResizeConfirmed", Level = LogLevel.Information,
        Message = "instance {InstanceId}: original VM and {Vdis} VDI(s) removed on confirm")]
    public static partial void Confirmed(ILogger logger, Guid instanceId, int vdis);

    [LoggerMessage(EventId = 3537, EventName = "XenApiResizeReverted", Level = LogLevel.Information,
        Message = "instance {InstanceId}: original VM renamed back (found {HadOriginal}), power on {PowerOn}")]
    public static partial void Reverted(ILogger logger, Guid instanceId, bool hadOriginal, bool powerOn);

    [LoggerMessage(EventId = 3538, EventName = "XenApiResizeShrunk", Level = LogLevel.Information,
        Message = "instance {InstanceId}: root filesystem ({Layout}) shrunk from {OldBytes} to {NewBytes} bytes in {ElapsedMs} ms")]
    public static partial void Shrunk(ILogger logger, Guid instanceId, string layout, long oldBytes, long newBytes, long elapsedMs);

    [LoggerMessage(EventId = 3539, EventName = "XenApiResizeRefused", Level = LogLevel.Warning,
        Message = "instance {InstanceId}: resize refused: {Reason}")]
    public static partial void Refused(ILogger logger, Guid instanceId, string reason);

    [LoggerMessage(EventId = 3540, EventName = "XenApiResizeCleanupFailed", Level = LogLevel.Warning,
        Message = "resize cleanup of {What} failed: {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string what, string reason);
}
