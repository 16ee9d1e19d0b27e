using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Scheduling.Filters;
using ControlPlane.Scheduler.Scheduling.Weighers;

namespace ControlPlane.Scheduler.Scheduling;

/// <summary>The pure part of scheduling: which hosts are candidates, and in which order to try claiming them.</summary>
public static class HostSelector
{
    /// <summary>The resource filters, in the order they run.</summary>
    public static readonly IReadOnlyList<IHostFilter> ResourceFilters = [new RamFilter(), new CoreFilter(), new DiskFilter()];

    /// <summary>Services that pass the ComputeFilter and are not excluded (hosts a build already failed on).</summary>
    public static IReadOnlyList<string> UpHosts(IEnumerable<ComputeService> services, IReadOnlyCollection<string> excluded, DateTimeOffset now, TimeSpan serviceDownTime) =>
        services
            .Where(s => !excluded.Contains(s.Host) && ComputeFilter.IsUp(s, now, serviceDownTime))
            .Select(s => s.Host)
            .ToList();

    /// <summary>Hosts where the request fits under every resource filter, best first by the RAM weigher.</summary>
    public static IReadOnlyList<HostUsage> Rank(IEnumerable<HostUsage> usages, Resources request) =>
        RamWeigher.Order(usages.Where(u => ResourceFilters.All(f => f.Passes(u, request))));
}
