namespace ControlPlane.ImageStore.Logging;

/// <summary>Log messages of the image service (EventIds 5000-5099).</summary>
internal static partial class ImageStoreLog
{
    [LoggerMessage(EventId = 5001, EventName = "DataDeleteFailed", Level = LogLevel.Warning,
        Message = "Could not delete image data file {Path}")]
    public static partial void DataDeleteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 5002, EventName = "ImageCreated", Level = LogLevel.Information,
        Message = "Created image {ImageId} for project {ProjectId}")]
    public static partial void ImageCreated(ILogger logger, Guid imageId, string projectId);

    [LoggerMessage(EventId = 5003, EventName = "UploadStarted", Level = LogLevel.Information,
        Message = "Upload of image {ImageId} started (declared length {ContentLength}, limit {Limit} bytes)")]
    public static partial void UploadStarted(ILogger logger, Guid imageId, long? contentLength, long limit);

    [LoggerMessage(EventId = 5004, EventName = "UploadCompleted", Level = LogLevel.Information,
        Message = "Image {ImageId} is active: {Size} bytes in {ElapsedMs} ms")]
    public static partial void UploadCompleted(ILogger logger, Guid imageId, long size, long elapsedMs);

    [LoggerMessage(EventId = 5005, EventName = "UploadFailed", Level = LogLevel.Warning,
        Message = "Upload of image {ImageId} failed; image killed and partial data removed")]
    public static partial void UploadFailed(ILogger logger, Guid imageId, Exception exception);

    [LoggerMessage(EventId = 5006, EventName = "ImageDeleted", Level = LogLevel.Information,
        Message = "Deleted image {ImageId}")]
    public static partial void ImageDeleted(ILogger logger, Guid imageId);

    [LoggerMessage(EventId = 5007, EventName = "TokenRejected", Level = LogLevel.Information,
        Message = "Identity rejected a token with status {StatusCode}")]
    public static partial void TokenRejected(ILogger logger, int statusCode);

    [LoggerMessage(EventId = 5008, EventName = "IdentityUnavailable", Level = LogLevel.Warning,
        Message = "Identity service at {Url} could not validate a token")]
    public static partial void IdentityUnavailable(ILogger logger, string url, Exception exception);

    [LoggerMessage(EventId = 5009, EventName = "MigrationsApplied", Level = LogLevel.Information,
        Message = "Applied {Count} imagestore database migration(s)")]
    public static partial void MigrationsApplied(ILogger logger, int count);

    [LoggerMessage(EventId = 5010, EventName = "UnexpectedError", Level = LogLevel.Error,
        Message = "Unexpected error handling {Method} {Path}")]
    public static partial void UnexpectedError(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 5011, EventName = "UploadLostRace", Level = LogLevel.Warning,
        Message = "Image {ImageId} changed to {Status} while its data was uploading; data discarded")]
    public static partial void UploadLostRace(ILogger logger, Guid imageId, string status);

    [LoggerMessage(EventId = 5012, EventName = "ImageStatusChanged", Level = LogLevel.Information,
        Message = "Image {ImageId} is now {Status}")]
    public static partial void ImageStatusChanged(ILogger logger, Guid imageId, string status);

    [LoggerMessage(EventId = 5013, EventName = "InterruptedUploadsKilled", Level = LogLevel.Warning,
        Message = "Killed {Images} image(s) whose upload a restart interrupted; removed {Files} partial file(s)")]
    public static partial void InterruptedUploadsKilled(ILogger logger, int images, int files);
}
