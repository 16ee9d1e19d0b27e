namespace ControlPlane.Compute.Consoles;

/// <summary>Log messages of the compute's console calls (EventIds 3600-3609, 3700-3709).</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 3600, EventName = "ConsoleInfo", Level = LogLevel.Information,
        Message = "Console of instance {InstanceId} is at {Host}:{Port}")]
    public static partial void ConsoleInfo(ILogger logger, Guid instanceId, string host, int port);

    [LoggerMessage(EventId = 3601, EventName = "ConsoleGone", Level = LogLevel.Information,
        Message = "Console of instance {InstanceId} is no longer available: {Reason}")]
    public static partial void ConsoleGone(ILogger logger, Guid instanceId, string reason);

    [LoggerMessage(EventId = 3720, EventName = "ConsoleOutputRead", Level = LogLevel.Debug,
        Message = "Console log of instance {InstanceId} read: {Characters} characters")]
    public static partial void ConsoleOutputRead(ILogger logger, Guid instanceId, int characters);
}
