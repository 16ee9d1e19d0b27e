using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Snapshots;

/// <summary>Log messages of the compute snapshot flow (EventIds 3180-3199 of the compute range). No secrets, ever.</summary>
internal static partial class SnapshotLog
{
    [LoggerMessage(EventId = 3183, EventName = "SnapshotSkipped", Level = LogLevel.Information,
        Message = "Snapshot of {InstanceName} into image {ImageId} skipped: the instance is {State}")]
    public static partial void SnapshotSkipped(this ILogger logger, string instanceName, Guid imageId, string state);

    [LoggerMessage(EventId = 3185, EventName = "SnapshotImageDeleteFailed", Level = LogLevel.Warning,
        Message = "Could not delete image {ImageId} of a failed snapshot")]
    public static partial void ImageDeleteFailed(this ILogger logger, Exception exception, Guid imageId);

    [LoggerMessage(EventId = 3186, EventName = "SnapshotUploaded", Level = LogLevel.Information,
        Message = "Image {ImageId}: {Bytes} bytes uploaded")]
    public static partial void Uploaded(this ILogger logger, Guid imageId, long bytes);
}
