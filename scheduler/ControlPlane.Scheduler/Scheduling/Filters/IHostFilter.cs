using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Scheduling.Filters;

/// <summary>A resource filter: does the host's current usage leave room for the request?</summary>
public interface IHostFilter
{
    /// <summary>Filter name, used in logs.</summary>
    string Name { get; }

    /// <summary>True when <paramref name="request"/> fits on the host described by <paramref name="usage"/>.</summary>
    bool Passes(HostUsage usage, Resources request);
}
