using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Connection;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>Host-level figures: capacity from <c>host_metrics</c>, the host's CPU count and the SR's sizes.</summary>
public sealed class HostOps(XenApiHost xen, VmOps vms)
{
    private const long MiB = 1L << 20;
    private const long GiB = 1L << 30;

    /// <summary>Bytes a new VM could use now (<c>host.compute_free_memory</c>).</summary>
    public Task<long> FreeMemoryAsync(CancellationToken ct) => xen.Session.HostApi.ComputeFreeMemoryAsync(xen.Host, ct);

    /// <summary>
    /// Memory total from <c>host_metrics</c>; used = total - free (what resident domains, dom0 included, hold) plus the
    /// static maximum of our halted VMs (a stopped instance keeps its claim). VCPUs from the host's CPU count, used =
    /// our VMs' <c>VCPUs_max</c> (once per instance). Disk from the SR's <c>physical_size</c> / <c>physical_utilisation</c>.
    /// Running VMs = the instance uuids of the VMs <see cref="VmOps.ListOursAsync"/> returns, from the same read (a rescued
    /// instance's two VMs count once).
    /// </summary>
    public async Task<HostCapacity> CapacityAsync(string hypervisorType, CancellationToken ct)
    {
        var ours = await vms.ListOursAsync(ct).ConfigureAwait(false);
        var host = await xen.Session.HostApi.GetRecordAsync(xen.Host, ct).ConfigureAwait(false);
        var metrics = await xen.Session.HostMetrics.GetRecordAsync(host.Metrics, ct).ConfigureAwait(false);
        var sr = await xen.Session.Sr.GetRecordAsync(xen.Sr, ct).ConfigureAwait(false);

        var residentBytes = Math.Max(0, metrics.MemoryTotal - metrics.MemoryFree);

        // A rescued instance has two VMs (its own halted, the rescue VM resident): its claim counts once.
        var resident = ours.Where(v => !v.Record.ResidentOn.IsNull).Select(v => v.InstanceId).ToHashSet();
        var haltedBytes = ours.Where(v => v.Record.ResidentOn.IsNull && !resident.Contains(v.InstanceId)).Sum(v => v.Record.MemoryStaticMax);
        return new HostCapacity(
            MemoryMb: metrics.MemoryTotal / MiB,
            MemoryMbUsed: (residentBytes + haltedBytes + MiB - 1) / MiB,
            Vcpus: (int)Math.Max(1, host.CpuCount),
            VcpusUsed: (int)ours.GroupBy(v => v.InstanceId).Sum(g => g.Max(v => v.Record.VcpusMax)),
            LocalGb: sr.PhysicalSize / GiB,
            LocalGbUsed: (sr.PhysicalUtilisation + GiB - 1) / GiB,
            RunningVms: ours.Select(v => v.InstanceId).Distinct().Count(),
            HypervisorType: hypervisorType,
            HypervisorHostname: string.IsNullOrEmpty(host.Hostname) ? host.NameLabel : host.Hostname);
    }
}
