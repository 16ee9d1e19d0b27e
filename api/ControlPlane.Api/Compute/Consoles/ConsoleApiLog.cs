namespace ControlPlane.Api.Compute.Consoles;

/// <summary>Log messages of the remote consoles API (EventIds 7170-7179). Never a token.</summary>
internal static partial class ConsoleApiLog
{
    [LoggerMessage(EventId = 1300, EventName = "RemoteConsoleIssued", Level = LogLevel.Information,
        Message = "Remote console ({Protocol}/{Type}) issued for instance {InstanceId} on {Host}")]
    public static partial void Issued(ILogger logger, string protocol, string type, Guid instanceId, string host);

    [LoggerMessage(EventId = 1301, EventName = "ConsoleTokensRevoked", Level = LogLevel.Information,
        Message = "Console tokens of instance {InstanceId} revoked after {Reason}: {Count}")]
    public static partial void Revoked(ILogger logger, Guid instanceId, string reason, int count);

    [LoggerMessage(EventId = 1302, EventName = "ConsoleRevocationFailed", Level = LogLevel.Warning,
        Message = "Console tokens of instance {InstanceId} could not be revoked after {Reason}; they stay valid until they expire or the console is gone")]
    public static partial void RevocationFailed(ILogger logger, Exception exception, Guid instanceId, string reason);
}
