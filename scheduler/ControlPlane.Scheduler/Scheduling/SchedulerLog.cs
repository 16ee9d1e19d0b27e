using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Scheduling;

/// <summary>Log messages of host selection (EventIds 2000-2019; server groups 2710-2719).</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 2000, EventName = "HostClaimed", Level = LogLevel.Information,
        Message = "Instance {InstanceId} claimed on host {Host} ({Outcome})")]
    public static partial void Claimed(ILogger logger, Guid instanceId, string host, ClaimOutcome outcome);

    [LoggerMessage(EventId = 2001, EventName = "HostClaimRefused", Level = LogLevel.Debug,
        Message = "Claim for instance {InstanceId} refused by host {Host}: {Outcome}; trying the next host")]
    public static partial void ClaimRefused(ILogger logger, Guid instanceId, string host, ClaimOutcome outcome);

    [LoggerMessage(EventId = 2002, EventName = "NoValidHost", Level = LogLevel.Warning,
        Message = "No valid host for instance {InstanceId}: {Services} compute services, {Up} up and not excluded, {Fitting} with room")]
    public static partial void NoValidHost(ILogger logger, Guid instanceId, int services, int up, int fitting);

    [LoggerMessage(EventId = 2710, EventName = "HostClaimedInGroup", Level = LogLevel.Information,
        Message = "Instance {InstanceId} claimed on host {Host} under the policy of server group {GroupId}")]
    public static partial void ClaimedInGroup(ILogger logger, Guid instanceId, string host, Guid groupId);
}
