namespace ControlPlane.ConsoleAuth.Diagnostics;

/// <summary>Log messages of the consoleauth service (EventIds 7100-7119). Never a token, never a token hash.</summary>
internal static partial class ConsoleAuthLog
{
    [LoggerMessage(EventId = 7100, EventName = "ConsoleTokenAuthorized", Level = LogLevel.Information,
        Message = "Console token issued for instance {InstanceId} ({ConsoleType} on {ComputeHost}), expires {ExpiresAt:O}")]
    public static partial void Authorized(ILogger logger, Guid instanceId, string consoleType, string computeHost, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 7101, EventName = "ConsoleTokenUnknown", Level = LogLevel.Information,
        Message = "Console token refused: unknown, expired or revoked")]
    public static partial void RefusedUnknown(ILogger logger);

    [LoggerMessage(EventId = 7104, EventName = "ConsoleTokenStale", Level = LogLevel.Information,
        Message = "Console token refused: the console of instance {InstanceId} is no longer on port {Port} of {ComputeHost}")]
    public static partial void RefusedStale(ILogger logger, Guid instanceId, int port, string computeHost);

    [LoggerMessage(EventId = 7102, EventName = "ConsoleTokensRevoked", Level = LogLevel.Information,
        Message = "Revoked {Count} console token(s) of instance {InstanceId} ({Reason})")]
    public static partial void Revoked(ILogger logger, Guid instanceId, long count, string reason);

}
