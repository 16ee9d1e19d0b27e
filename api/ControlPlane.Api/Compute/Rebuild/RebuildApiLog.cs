namespace ControlPlane.Api.Compute.Rebuild;

/// <summary>Log messages of rebuild and console output in the api (EventIds 1400-1409 of the api range). No secrets.</summary>
internal static partial class RebuildApiLog
{
    [LoggerMessage(EventId = 1400, EventName = "RebuildRequested", Level = LogLevel.Information,
        Message = "Rebuild of server {InstanceId} from image {ImageId} (was {OriginalImageId}) requested on host {Host}")]
    public static partial void Requested(ILogger logger, Guid instanceId, Guid imageId, string originalImageId, string host);

    [LoggerMessage(EventId = 1401, EventName = "RebuildFieldsRestored", Level = LogLevel.Information,
        Message = "Server {InstanceId}: the rebuild could not start ({Reason}); its image, name and metadata were restored")]
    public static partial void Restored(ILogger logger, Guid instanceId, string reason);

    [LoggerMessage(EventId = 1402, EventName = "RebuildRestoreFailed", Level = LogLevel.Warning,
        Message = "Server {InstanceId}: the fields of a rebuild that could not start could not be restored")]
    public static partial void RestoreFailed(ILogger logger, Exception exception, Guid instanceId);
}
