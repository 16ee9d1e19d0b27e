using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Power;

/// <summary>Log messages of stop, start and reboot on the compute host (EventIds 3200-3219 of the compute range).</summary>
internal static partial class PowerLog
{
    [LoggerMessage(EventId = 3200, EventName = "PowerActionStarted", Level = LogLevel.Information,
        Message = "{Action} of {InstanceName} started")]
    public static partial void PowerActionStarted(this ILogger logger, string action, string instanceName);

    [LoggerMessage(EventId = 3201, EventName = "PowerActionSucceeded", Level = LogLevel.Information,
        Message = "{Action} of {InstanceName} finished")]
    public static partial void PowerActionSucceeded(this ILogger logger, string action, string instanceName);

    [LoggerMessage(EventId = 3202, EventName = "PowerActionFailed", Level = LogLevel.Warning,
        Message = "{Action} of {InstanceName} failed; clearing the task state and recording a fault")]
    public static partial void PowerActionFailed(this ILogger logger, Exception exception, string action, string instanceName);

    [LoggerMessage(EventId = 3203, EventName = "PowerStateUnreadable", Level = LogLevel.Warning,
        Message = "Power state of {InstanceName} could not be read after a failed {Action}")]
    public static partial void PowerStateUnreadable(this ILogger logger, Exception exception, string action, string instanceName);
}
