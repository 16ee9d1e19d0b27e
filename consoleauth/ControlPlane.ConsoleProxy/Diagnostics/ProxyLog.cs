namespace ControlPlane.ConsoleProxy.Diagnostics;

/// <summary>Log messages of the console proxy (EventIds 7130-7149). Never a token.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 7130, EventName = "ConsoleRefused", Level = LogLevel.Information,
        Message = "Console refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 7131, EventName = "ConsoleOpened", Level = LogLevel.Information,
        Message = "Console of instance {InstanceId} opened to {Host}:{Port}")]
    public static partial void Opened(ILogger logger, string instanceId, string host, int port);

    [LoggerMessage(EventId = 7132, EventName = "ConsoleClosed", Level = LogLevel.Information,
        Message = "Console of instance {InstanceId} closed ({Reason}): {ToBackend} bytes in, {ToClient} bytes out")]
    public static partial void Closed(ILogger logger, string instanceId, string reason, long toBackend, long toClient);

    [LoggerMessage(EventId = 7133, EventName = "ConsoleBackendFailed", Level = LogLevel.Warning,
        Message = "Console of instance {InstanceId} could not be opened at {Host}:{Port}: {Reason}")]
    public static partial void BackendFailed(ILogger logger, string instanceId, string host, int port, string reason);

    [LoggerMessage(EventId = 7134, EventName = "ConsolesRevoked", Level = LogLevel.Information,
        Message = "Closing {Count} open console(s) of instance {InstanceId}: tokens revoked")]
    public static partial void Revoked(ILogger logger, Guid instanceId, int count);

    [LoggerMessage(EventId = 7135, EventName = "RevocationSubscribeFailed", Level = LogLevel.Warning,
        Message = "Cannot subscribe to console revocations on Redis (retrying): {Reason}")]
    public static partial void SubscribeFailed(ILogger logger, string reason);
}
