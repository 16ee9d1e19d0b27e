namespace ControlPlane.Api.Compute.Actions;

/// <summary>Log messages of the server action pipeline and of delete (EventIds 1240-1259 of the api range). No secrets.</summary>
internal static partial class ServerActionLog
{
    [LoggerMessage(EventId = 1240, EventName = "ServerActionRequested", Level = LogLevel.Information,
        Message = "{Operation} of server {InstanceId} requested on host {Host}")]
    public static partial void Requested(ILogger logger, string operation, Guid instanceId, string host);

    [LoggerMessage(EventId = 1241, EventName = "ServerActionCastFailed", Level = LogLevel.Warning,
        Message = "{Operation} of server {InstanceId} could not be sent to host {Host}; task state cleared")]
    public static partial void CastFailed(ILogger logger, Exception exception, string operation, Guid instanceId, string host);

    [LoggerMessage(EventId = 1242, EventName = "DeleteRetried", Level = LogLevel.Information,
        Message = "Delete of server {InstanceId} lost its compare-and-set (attempt {Attempt}); retrying on a fresh read")]
    public static partial void DeleteRetried(ILogger logger, Exception exception, string instanceId, int attempt);
}
