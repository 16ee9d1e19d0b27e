using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Power;

/// <summary>Log messages of stop, start and reboot on the compute host (EventIds 3200-3219 of the compute range).</summary>
internal static partial class PowerLog
{
    [LoggerMessage(EventId = 3203, EventName = "PowerStateUnreadable", Level = LogLevel.Warning,
        Message = "Power state of {InstanceName} could not be read after a failed {Action}")]
    public static partial void PowerStateUnreadable(this ILogger logger, Exception exception, string action, string instanceName);
}
