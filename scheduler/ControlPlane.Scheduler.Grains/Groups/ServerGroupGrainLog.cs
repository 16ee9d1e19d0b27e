using Microsoft.Extensions.Logging;

namespace ControlPlane.Scheduler.Grains.Groups;

/// <summary>Log messages of the server group grain (EventIds 2700-2709, scheduler range 2000-2999).</summary>
internal static partial class ServerGroupGrainLog
{
    [LoggerMessage(EventId = 2700, EventName = "GroupPlacementClaimed", Level = LogLevel.Information,
        Message = "Server group {GroupId} ({Policy}): instance {InstanceId} claimed on host {Host} ({Members} other members on it)")]
    public static partial void Claimed(ILogger logger, Guid groupId, string policy, Guid instanceId, string host, int members);

    [LoggerMessage(EventId = 2701, EventName = "GroupPlacementNoHost", Level = LogLevel.Warning,
        Message = "Server group {GroupId} ({Policy}): no valid host for instance {InstanceId}: {Ranked} hosts with room, {Allowed} allowed by the policy")]
    public static partial void NoHost(ILogger logger, Guid groupId, string policy, Guid instanceId, int ranked, int allowed);

    [LoggerMessage(EventId = 2702, EventName = "GroupGone", Level = LogLevel.Information,
        Message = "Server group {GroupId} no longer exists; instance {InstanceId} is placed without a group policy")]
    public static partial void GroupGone(ILogger logger, Guid groupId, Guid instanceId);

    [LoggerMessage(EventId = 2703, EventName = "GroupPlacementClaimRefused", Level = LogLevel.Debug,
        Message = "Server group {GroupId}: claim for instance {InstanceId} refused by host {Host}: {Outcome}; trying the next allowed host")]
    public static partial void ClaimRefused(ILogger logger, Guid groupId, Guid instanceId, string host, Capacity.ClaimOutcome outcome);
}
