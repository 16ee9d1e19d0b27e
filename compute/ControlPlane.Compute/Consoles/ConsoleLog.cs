namespace ControlPlane.Compute.Consoles;

/// <summary>Log messages of the compute's console calls (EventIds 7160-7169).</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 7160, EventName = "ConsoleInfo", Level = LogLevel.Information,
        Message = "Console of instance {InstanceId} is at {Host}:{Port}")]
    public static partial void ConsoleInfo(ILogger logger, Guid instanceId, string host, int port);

    [LoggerMessage(EventId = 7161, EventName = "ConsoleGone", Level = LogLevel.Information,
        Message = "Console of instance {InstanceId} is no longer available: {Reason}")]
    public static partial void ConsoleGone(ILogger logger, Guid instanceId, string reason);
}
