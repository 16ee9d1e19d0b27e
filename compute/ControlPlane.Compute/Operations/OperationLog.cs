using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Operations;

/// <summary>Log messages of the operation runner (EventIds 3220-3239 of the compute range). No secrets, ever.</summary>
internal static partial class OperationLog
{
    [LoggerMessage(EventId = 3220, EventName = "OperationStarted", Level = LogLevel.Information,
        Message = "{Operation} of {InstanceName} started (redelivered {Redelivered})")]
    public static partial void OperationStarted(this ILogger logger, string operation, string instanceName, bool redelivered);

    [LoggerMessage(EventId = 3221, EventName = "OperationSucceeded", Level = LogLevel.Information,
        Message = "{Operation} of {InstanceName} finished (already done by an earlier delivery: {AlreadyDone}) in {ElapsedMs} ms")]
    public static partial void OperationSucceeded(this ILogger logger, string operation, string instanceName, bool alreadyDone, long elapsedMs);

    [LoggerMessage(EventId = 3222, EventName = "OperationFailed", Level = LogLevel.Warning,
        Message = "{Operation} of {InstanceName} failed; cleaning up, recording a fault and reverting the task state")]
    public static partial void OperationFailed(this ILogger logger, Exception exception, string operation, string instanceName);

    [LoggerMessage(EventId = 3223, EventName = "OperationSkipped", Level = LogLevel.Information,
        Message = "{Operation} of {InstanceName} skipped: the message is stale or superseded")]
    public static partial void OperationSkipped(this ILogger logger, string operation, string instanceName);
}
