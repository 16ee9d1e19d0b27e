namespace ControlPlane.Api.Compute.Lock;

/// <summary>Log messages of lock and unlock (EventIds 1160-1169 of the api range).</summary>
internal static partial class LockApiLog
{
    [LoggerMessage(EventId = 1160, EventName = "ServerLocked", Level = LogLevel.Information,
        Message = "Server {InstanceId} locked by its {LockedBy} (reason given: {HasReason})")]
    public static partial void Locked(ILogger logger, Guid instanceId, string lockedBy, bool hasReason);

    [LoggerMessage(EventId = 1161, EventName = "ServerUnlocked", Level = LogLevel.Information,
        Message = "Server {InstanceId} unlocked (the lock was set by {LockedBy})")]
    public static partial void Unlocked(ILogger logger, Guid instanceId, string lockedBy);
}
