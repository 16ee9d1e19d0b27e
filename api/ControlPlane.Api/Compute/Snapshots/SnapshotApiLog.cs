namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>Log messages of createImage and the image proxy (EventIds 1180-1199 of the api range). No secrets.</summary>
internal static partial class SnapshotApiLog
{
    [LoggerMessage(EventId = 1180, EventName = "SnapshotRequested", Level = LogLevel.Information,
        Message = "Snapshot of server {InstanceId} into image {ImageId} requested on host {Host}")]
    public static partial void SnapshotRequested(ILogger logger, Guid instanceId, Guid imageId, string host);

    [LoggerMessage(EventId = 1181, EventName = "SnapshotImageRolledBack", Level = LogLevel.Information,
        Message = "Image {ImageId} deleted: the snapshot of server {InstanceId} could not start ({Reason})")]
    public static partial void ImageRolledBack(ILogger logger, Guid imageId, Guid instanceId, string reason);

    [LoggerMessage(EventId = 1182, EventName = "SnapshotRollbackFailed", Level = LogLevel.Warning,
        Message = "Image {ImageId} of a snapshot that could not start could not be deleted")]
    public static partial void RollbackFailed(ILogger logger, Exception exception, Guid imageId);
}
