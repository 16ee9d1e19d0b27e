using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Scheduling.Filters;

namespace ControlPlane.Scheduler.Conductor;

/// <summary>When a build counts as stuck: its host's service is forced down or silent for longer than the service down time.</summary>
public static class BuildReaperPolicy
{
    /// <summary>True when <paramref name="build"/>'s host is down at <paramref name="now"/>.</summary>
    public static bool IsStuck(StuckBuild build, DateTimeOffset now, TimeSpan serviceDownTime)
    {
        ArgumentNullException.ThrowIfNull(build);
        return build.ForcedDown || !ComputeFilter.IsAlive(build.LastSeenAt, now, serviceDownTime);
    }
}
