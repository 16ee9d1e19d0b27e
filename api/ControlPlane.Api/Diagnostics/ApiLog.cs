namespace ControlPlane.Api.Diagnostics;

/// <summary>Log messages of the api service (EventIds 1000-1099).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 1000, EventName = "UnexpectedError", Level = LogLevel.Error,
        Message = "Unexpected error serving {Method} {Path}")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 1001, EventName = "ExpectedError", Level = LogLevel.Information,
        Message = "{Method} {Path} failed with {Status}: {Reason}")]
    public static partial void ExpectedError(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventId = 1002, EventName = "GeneratedSigningKey", Level = LogLevel.Warning,
        Message = "Identity:TokenSigningKey is not set; generated a random key for this Development process. Tokens die with it and other replicas reject them.")]
    public static partial void GeneratedSigningKey(ILogger logger);

    [LoggerMessage(EventId = 1003, EventName = "SeedDone", Level = LogLevel.Information,
        Message = "Identity and flavor seed checked: {Projects} projects, {Users} users, {Flavors} flavors")]
    public static partial void SeedDone(ILogger logger, int projects, int users, int flavors);

    [LoggerMessage(EventId = 1004, EventName = "AuthenticationFailed", Level = LogLevel.Information,
        Message = "Authentication failed for user {User}: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, string user, string reason);

    [LoggerMessage(EventId = 1005, EventName = "ServerCreated", Level = LogLevel.Information,
        Message = "Server {InstanceId} created in project {ProjectId} (flavor {FlavorId}, image {ImageId}); build cast to the conductor")]
    public static partial void ServerCreated(ILogger logger, Guid instanceId, string projectId, string flavorId, string imageId);

    [LoggerMessage(EventId = 1006, EventName = "BuildCastFailed", Level = LogLevel.Error,
        Message = "Casting build_instance for server {InstanceId} failed; the server is put in ERROR")]
    public static partial void BuildCastFailed(ILogger logger, Exception exception, Guid instanceId);

    [LoggerMessage(EventId = 1007, EventName = "ServerDeleteRequested", Level = LogLevel.Information,
        Message = "Delete of server {InstanceId} requested (host {Host})")]
    public static partial void ServerDeleteRequested(ILogger logger, Guid instanceId, string host);

    [LoggerMessage(EventId = 1008, EventName = "ServerDeletedLocally", Level = LogLevel.Information,
        Message = "Server {InstanceId} had no host and was deleted in the database")]
    public static partial void ServerDeletedLocally(ILogger logger, Guid instanceId);

    [LoggerMessage(EventId = 1009, EventName = "WatchListenerFailed", Level = LogLevel.Warning,
        Message = "LISTEN instance_changed connection failed; reconnecting in {Delay}")]
    public static partial void WatchListenerFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 1010, EventName = "ImageServiceError", Level = LogLevel.Warning,
        Message = "The image service answered {Status} for image {ImageId}")]
    public static partial void ImageServiceError(ILogger logger, int status, string imageId);

    [LoggerMessage(EventId = 1090, EventName = "LoginThrottled", Level = LogLevel.Warning,
        Message = "Password login refused for {Kind} {Key}: too many failures; retry after {RetryAfter}")]
    public static partial void LoginThrottled(ILogger logger, string kind, string key, TimeSpan retryAfter);

    [LoggerMessage(EventId = 1091, EventName = "LoginThrottleFull", Level = LogLevel.Warning,
        Message = "Login throttle tracks its maximum of {Max} user names and addresses; a new user name is not tracked until entries expire")]
    public static partial void LoginThrottleFull(ILogger logger, int max);

    [LoggerMessage(EventId = 1092, EventName = "StreamTokenEnded", Level = LogLevel.Information,
        Message = "gRPC stream {Method} ended: its token {Reason}")]
    public static partial void StreamTokenEnded(ILogger logger, string method, string reason);
}
