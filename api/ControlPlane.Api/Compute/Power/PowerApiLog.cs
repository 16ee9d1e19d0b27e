namespace ControlPlane.Api.Compute.Power;

/// <summary>Log messages of stop, start, reboot and the local delete (EventIds 1200-1219 of the api range).</summary>
internal static partial class PowerApiLog
{
    [LoggerMessage(EventId = 1200, EventName = "PowerActionRequested", Level = LogLevel.Information,
        Message = "{Action} of server {InstanceId} requested on host {Host}")]
    public static partial void PowerActionRequested(ILogger logger, string action, Guid instanceId, string host);

    [LoggerMessage(EventId = 1201, EventName = "PowerActionCastFailed", Level = LogLevel.Warning,
        Message = "{Action} of server {InstanceId} could not be sent to host {Host}; task state cleared")]
    public static partial void PowerActionCastFailed(ILogger logger, Exception exception, string action, Guid instanceId, string host);

    [LoggerMessage(EventId = 1202, EventName = "DeleteRetried", Level = LogLevel.Information,
        Message = "Delete of server {InstanceId} lost its compare-and-set (attempt {Attempt}); retrying on a fresh read")]
    public static partial void DeleteRetried(ILogger logger, Exception exception, string instanceId, int attempt);
}
