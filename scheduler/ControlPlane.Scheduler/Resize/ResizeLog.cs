namespace ControlPlane.Scheduler.Resize;

/// <summary>Log events of the conductor's resize flow (EventIds 2300-2319).</summary>
internal static partial class ResizeLog
{
    [LoggerMessage(EventId = 2300, EventName = "ResizeScheduled", Level = LogLevel.Information,
        Message = "Resize {MigrationId} of instance {InstanceId}: destination {Destination} claimed (source {Source})")]
    public static partial void Scheduled(ILogger logger, Guid migrationId, Guid instanceId, string destination, string source);

    [LoggerMessage(EventId = 2301, EventName = "ResizeNoValidHost", Level = LogLevel.Warning,
        Message = "Resize of instance {InstanceId}: no valid host (source {Source} excluded: {Excluded})")]
    public static partial void NoValidHost(ILogger logger, Guid instanceId, string source, bool excluded);

    [LoggerMessage(EventId = 2302, EventName = "ResizeDropped", Level = LogLevel.Information,
        Message = "Resize message for instance {InstanceId} dropped: {Reason}")]
    public static partial void Dropped(ILogger logger, Guid instanceId, string reason);

    [LoggerMessage(EventId = 2303, EventName = "ResizeStep", Level = LogLevel.Information,
        Message = "Resize {MigrationId} of instance {InstanceId}: step {Step} from {Host} applied={Applied}")]
    public static partial void Step(ILogger logger, Guid migrationId, Guid instanceId, string step, string host, bool applied);

    [LoggerMessage(EventId = 2304, EventName = "ResizeAutoConfirm", Level = LogLevel.Information,
        Message = "Resize {MigrationId} of instance {InstanceId} auto-confirmed after the confirm window")]
    public static partial void AutoConfirm(ILogger logger, Guid migrationId, Guid instanceId);

    [LoggerMessage(EventId = 2305, EventName = "ResizeAutoConfirmFailed", Level = LogLevel.Warning,
        Message = "Auto-confirm of resizes failed; retried next run")]
    public static partial void AutoConfirmFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2306, EventName = "ResizeMigrationErrored", Level = LogLevel.Warning,
        Message = "Resize {MigrationId} of instance {InstanceId} set to error: {Reason}")]
    public static partial void Errored(ILogger logger, Guid migrationId, Guid instanceId, string reason);
}
