using ControlPlane.Scheduler.Data;

namespace ControlPlane.Scheduler.Conductor;

/// <summary>Log messages of the conductor role (EventIds 2200-2249).</summary>
internal static partial class ConductorLog
{
    [LoggerMessage(EventId = 2200, EventName = "BuildDropped", Level = LogLevel.Information,
        Message = "Build of instance {InstanceId} dropped: {Reason}")]
    public static partial void BuildDropped(ILogger logger, Guid instanceId, string reason);

    [LoggerMessage(EventId = 2201, EventName = "BuildCast", Level = LogLevel.Information,
        Message = "Build of instance {InstanceId} cast to host {Host} (attempt {Attempt})")]
    public static partial void BuildCast(ILogger logger, Guid instanceId, string host, int attempt);

    [LoggerMessage(EventId = 2202, EventName = "BuildResent", Level = LogLevel.Information,
        Message = "Instance {InstanceId} is already placed on {Host} (attempt {Attempt}); re-sending the build")]
    public static partial void BuildResent(ILogger logger, Guid instanceId, string host, int attempt);

    [LoggerMessage(EventId = 2203, EventName = "NoValidHostForBuild", Level = LogLevel.Warning,
        Message = "No valid host for instance {InstanceId} after {Attempts} attempts; set to ERROR: {Recorded}")]
    public static partial void NoValidHost(ILogger logger, Guid instanceId, int attempts, bool recorded);

    [LoggerMessage(EventId = 2204, EventName = "PlacementLost", Level = LogLevel.Information,
        Message = "Placement of instance {InstanceId} on {Host} not recorded: the instance changed meanwhile (now on {CurrentHost})")]
    public static partial void PlacementLost(ILogger logger, Guid instanceId, string host, string? currentHost);

    [LoggerMessage(EventId = 2205, EventName = "BuildFailed", Level = LogLevel.Warning,
        Message = "Build of instance {InstanceId} failed on {Host} after {Attempts} attempts: {Decision} (recorded: {Recorded})")]
    public static partial void BuildFailed(ILogger logger, Guid instanceId, string host, int attempts, BuildDecision decision, bool recorded);

    [LoggerMessage(EventId = 2206, EventName = "BuildReaped", Level = LogLevel.Warning,
        Message = "Instance {InstanceId} was building on {Host}, which stopped reporting: {Decision}")]
    public static partial void BuildReaped(ILogger logger, Guid instanceId, string host, BuildDecision decision);

    [LoggerMessage(EventId = 2207, EventName = "InstanceUpdateApplied", Level = LogLevel.Debug,
        Message = "Update of instance {InstanceId} from {Host}: {Outcome}")]
    public static partial void InstanceUpdate(ILogger logger, Guid instanceId, string host, InstanceUpdateOutcome outcome);

    [LoggerMessage(EventId = 2208, EventName = "ServiceReported", Level = LogLevel.Debug,
        Message = "Service report from {Host} ({Binary}): {MemoryMb} MB, {Vcpus} vCPUs, {LocalGb} GB")]
    public static partial void ServiceReported(ILogger logger, string host, string binary, long memoryMb, int vcpus, long localGb);

    [LoggerMessage(EventId = 2209, EventName = "ReaperFailed", Level = LogLevel.Error,
        Message = "Build reaper run failed; retrying at the next interval")]
    public static partial void ReaperFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2210, EventName = "ReaperSettled", Level = LogLevel.Information,
        Message = "Build reaper settled {Count} stuck builds")]
    public static partial void ReaperSettled(ILogger logger, int count);

    [LoggerMessage(EventId = 2240, EventName = "UnshelveDropped", Level = LogLevel.Information,
        Message = "Unshelve of instance {InstanceId} dropped: {Reason}")]
    public static partial void UnshelveDropped(ILogger logger, Guid instanceId, string reason);

    [LoggerMessage(EventId = 2241, EventName = "UnshelveNoValidHost", Level = LogLevel.Warning,
        Message = "No valid host to unshelve instance {InstanceId}; it stays shelved_offloaded with a fault (recorded: {Recorded})")]
    public static partial void UnshelveNoValidHost(ILogger logger, Guid instanceId, bool recorded);

    [LoggerMessage(EventId = 2242, EventName = "UnshelveCast", Level = LogLevel.Information,
        Message = "Unshelve of instance {InstanceId} cast to host {Host} (image {ImageId})")]
    public static partial void UnshelveCast(ILogger logger, Guid instanceId, string host, Guid imageId);
}
