using ControlPlane.Scheduler.Grains.Capacity;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Scheduler.Grains.Hosts;

/// <summary>Log messages of the host grain (EventIds 2100-2119, scheduler range 2000-2999).</summary>
internal static partial class HostGrainLog
{
    [LoggerMessage(EventId = 2100, EventName = "HostGrainActivated", Level = LogLevel.Information,
        Message = "Host {Host} activated with {Claims} claims rebuilt from the database ({UsedMb} MB used of {TotalMb} MB physical)")]
    public static partial void Activated(ILogger logger, string host, int claims, long usedMb, long totalMb);

    [LoggerMessage(EventId = 2101, EventName = "HostClaimAttempt", Level = LogLevel.Debug,
        Message = "Claim on {Host} for instance {InstanceId}: {Outcome} ({UsedMb}/{LimitMb} MB)")]
    public static partial void ClaimAttempt(ILogger logger, string host, Guid instanceId, ClaimOutcome outcome, long usedMb, long limitMb);

    [LoggerMessage(EventId = 2102, EventName = "HostClaimReleased", Level = LogLevel.Debug,
        Message = "Release on {Host} for instance {InstanceId}: held a claim = {Released}")]
    public static partial void Released(ILogger logger, string host, Guid instanceId, bool released);
}
