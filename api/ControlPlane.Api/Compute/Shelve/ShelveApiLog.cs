namespace ControlPlane.Api.Compute.Shelve;

/// <summary>Log messages of the api's shelve flow (EventIds 1380-1389 of the api range).</summary>
internal static partial class ShelveApiLog
{
    [LoggerMessage(EventId = 1380, EventName = "ShelveRequested", Level = LogLevel.Information,
        Message = "Shelve of instance {InstanceId} into image {ImageId} cast to host {Host}")]
    public static partial void ShelveRequested(ILogger logger, Guid instanceId, Guid imageId, string host);

    [LoggerMessage(EventId = 1381, EventName = "UnshelveRequested", Level = LogLevel.Information,
        Message = "Unshelve of instance {InstanceId} cast to the conductor (host {Host}, availability zone {AvailabilityZone})")]
    public static partial void UnshelveRequested(ILogger logger, Guid instanceId, string host, string availabilityZone);

    [LoggerMessage(EventId = 1382, EventName = "ShelvedImageDeleted", Level = LogLevel.Information,
        Message = "Shelved image {ImageId} of deleted instance {InstanceId} deleted")]
    public static partial void ShelvedImageDeleted(ILogger logger, Guid imageId, Guid instanceId);

    [LoggerMessage(EventId = 1383, EventName = "ShelvedImageDeleteFailed", Level = LogLevel.Warning,
        Message = "Shelved image {ImageId} of deleted instance {InstanceId} could not be deleted")]
    public static partial void ShelvedImageDeleteFailed(ILogger logger, Exception exception, Guid imageId, Guid instanceId);
}
