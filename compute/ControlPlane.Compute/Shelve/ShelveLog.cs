using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Shelve;

/// <summary>Log messages of shelve, shelve offload and unshelve (EventIds 3380-3389 of the compute range).</summary>
internal static partial class ShelveLog
{
    [LoggerMessage(EventId = 3380, EventName = "ShelveSkipped", Level = LogLevel.Information,
        Message = "{Operation} of {InstanceName} skipped: the message was cast for task state {TaskState}")]
    public static partial void Skipped(this ILogger logger, string operation, string instanceName, string taskState);

    [LoggerMessage(EventId = 3381, EventName = "ShelveOffloaded", Level = LogLevel.Information,
        Message = "{InstanceName} offloaded: its VM and disks are gone from this host (VM was present: {WasKnown})")]
    public static partial void Offloaded(this ILogger logger, string instanceName, bool wasKnown);

    [LoggerMessage(EventId = 3382, EventName = "UnshelveSpawning", Level = LogLevel.Information,
        Message = "Unshelving {InstanceName} from shelved image {ImageId} (VM still on this host: {OnHost})")]
    public static partial void Unshelving(this ILogger logger, string instanceName, Guid imageId, bool onHost);

    [LoggerMessage(EventId = 3383, EventName = "ShelvedOffloadDue", Level = LogLevel.Information,
        Message = "{InstanceName} shelved at {ShelvedAt} is offloaded (shelved_offload_time {OffloadTime} s)")]
    public static partial void OffloadDue(this ILogger logger, string instanceName, DateTimeOffset shelvedAt, int offloadTime);

    [LoggerMessage(EventId = 3384, EventName = "ShelvedOffloadFailed", Level = LogLevel.Warning,
        Message = "Offloading shelved {InstanceName} failed; retried at the next pass")]
    public static partial void OffloadFailed(this ILogger logger, Exception exception, string instanceName);

    [LoggerMessage(EventId = 3385, EventName = "ShelvedOffloadPassFailed", Level = LogLevel.Warning,
        Message = "A pass of the shelved offload task failed; retried at the next interval")]
    public static partial void PassFailed(this ILogger logger, Exception exception);
}
