namespace ControlPlane.Compute.Virt.Contract;

/// <summary>Physical capacity and current usage of a host, as its hypervisor reports them. The
/// scheduler applies allocation ratios on top; the driver never does.</summary>
/// <param name="MemoryMb">Total memory available to instances, MiB.</param>
/// <param name="MemoryMbUsed">Memory of every instance the driver holds, MiB.</param>
/// <param name="Vcpus">Physical CPUs.</param>
/// <param name="VcpusUsed">Virtual CPUs of every instance the driver holds.</param>
/// <param name="LocalGb">Total instance disk, GiB.</param>
/// <param name="LocalGbUsed">Disk used by instances, GiB.</param>
/// <param name="RunningVms">Number of instances the driver holds (any power state).</param>
/// <param name="HypervisorType">e.g. <c>fake</c>, <c>xen</c>.</param>
/// <param name="HypervisorHostname">The hypervisor's own host name.</param>
public sealed record HostCapacity(
    long MemoryMb,
    long MemoryMbUsed,
    int Vcpus,
    int VcpusUsed,
    long LocalGb,
    long LocalGbUsed,
    int RunningVms,
    string HypervisorType,
    string HypervisorHostname);
