using ControlPlane.Scheduler.Data;

namespace ControlPlane.Scheduler.Scheduling.Filters;

/// <summary>
/// Nova's ComputeFilter: the host's compute service is enabled, not forced down, and reported
/// within <c>Scheduler:ServiceDownTimeSeconds</c> (a report exactly that old still counts as up).
/// </summary>
public static class ComputeFilter
{
    /// <summary>True when the service is usable at <paramref name="now"/>.</summary>
    public static bool IsUp(ComputeService service, DateTimeOffset now, TimeSpan serviceDownTime)
    {
        ArgumentNullException.ThrowIfNull(service);
        return !service.Disabled && !service.ForcedDown && IsAlive(service.LastSeenAt, now, serviceDownTime);
    }

    /// <summary>True when a service last heard from at <paramref name="lastSeenAt"/> still counts as alive.</summary>
    public static bool IsAlive(DateTimeOffset? lastSeenAt, DateTimeOffset now, TimeSpan serviceDownTime) =>
        lastSeenAt is { } seen && now - seen <= serviceDownTime;
}
