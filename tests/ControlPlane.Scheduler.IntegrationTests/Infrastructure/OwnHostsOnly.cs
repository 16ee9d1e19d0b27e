using System.Collections.Concurrent;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Scheduling;

namespace ControlPlane.Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// The real <c>services</c> rows, narrowed to the hosts one test created: the database is shared
/// with other tests and with running computes, whose hosts must not receive this test's instances.
/// The test hosts are stored disabled (so that schedulers of a running stack never pick them) and
/// are seen enabled here.
/// </summary>
public sealed class OwnHostsOnly(IComputeServiceSource inner) : IComputeServiceSource
{
    private readonly ConcurrentDictionary<string, bool> hosts = new();

    /// <summary>Makes <paramref name="host"/> a candidate.</summary>
    public void Add(string host) => hosts[host] = true;

    public async Task<IReadOnlyList<ComputeService>> ListComputeServicesAsync(CancellationToken ct) =>
        (await inner.ListComputeServicesAsync(ct)).Where(s => hosts.ContainsKey(s.Host)).Select(s => s with { Disabled = false }).ToList();
}
