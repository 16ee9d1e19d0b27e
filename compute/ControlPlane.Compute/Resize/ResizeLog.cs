using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Resize;

/// <summary>Log events of the compute's resize disk transfer (EventIds 3700-3709).</summary>
internal static partial class ResizeLog
{
    [LoggerMessage(EventId = 3700, EventName = "ResizeDiskReceived", Level = LogLevel.Information,
        Message = "Migration {MigrationId}: disk {Index} received and verified ({Bytes} bytes)")]
    public static partial void DiskReceived(ILogger logger, Guid migrationId, int index, long bytes);

    [LoggerMessage(EventId = 3701, EventName = "ResizeDiskRefused", Level = LogLevel.Warning,
        Message = "Migration {MigrationId}: disk stream refused: {Reason}")]
    public static partial void DiskRefused(ILogger logger, Guid migrationId, string reason);

    [LoggerMessage(EventId = 3702, EventName = "ResizeDiskFailed", Level = LogLevel.Warning,
        Message = "Migration {MigrationId}: disk {Index} not received; the migration's received disks are discarded")]
    public static partial void DiskFailed(ILogger logger, Exception exception, Guid migrationId, int index);
}
