using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Rescue;

/// <summary>Log messages of rescue recovery and the rescue timeout on the compute host (EventIds 3360-3369). No secrets.</summary>
internal static partial class RescueLog
{
    [LoggerMessage(EventId = 3360, EventName = "RescueRecovered", Level = LogLevel.Warning,
        Message = "Instance {InstanceName} was left in task {TaskState} by a restart; the hypervisor holds it {RescueState}: reporting {Outcome}")]
    public static partial void Recovered(ILogger logger, string instanceName, string taskState, string rescueState, string outcome);

    [LoggerMessage(EventId = 3361, EventName = "RescueTimedOut", Level = LogLevel.Information,
        Message = "Instance {InstanceName} has been rescued since {LaunchedAt:o}, longer than the rescue timeout {Timeout}: unrescuing it")]
    public static partial void TimedOut(ILogger logger, string instanceName, DateTimeOffset launchedAt, TimeSpan timeout);

    [LoggerMessage(EventId = 3362, EventName = "RescueTimeoutFailed", Level = LogLevel.Warning,
        Message = "Automatic unrescue of {InstanceName} failed; it stays rescued until the next check")]
    public static partial void TimeoutFailed(ILogger logger, Exception exception, string instanceName);

    [LoggerMessage(EventId = 3363, EventName = "RescueTimeoutPassFailed", Level = LogLevel.Warning,
        Message = "The rescue timeout check could not list this host's instances; retrying at the next interval")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
