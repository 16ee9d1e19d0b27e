using ControlPlane.Domain.Flavors;
using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.Data;

/// <summary>The columns of an instance row the conductor works with.</summary>
public sealed record InstanceRecord(
    Guid Id,
    long InternalId,
    string ProjectId,
    string UserId,
    string DisplayName,
    FlavorCopy Flavor,
    string ImageRef,
    string VmState,
    string? TaskState,
    int PowerState,
    string? Host,
    int Attempts,
    IReadOnlyList<string> TriedHosts,
    bool Deleted,
    DateTimeOffset? LaunchedAt = null,
    string SystemMetadataJson = "{}")
{
    /// <summary>The stored flavor copy as text (what a migration records as its old flavor); null when not read.</summary>
    public string? FlavorJson { get; init; }

    /// <summary>OS-DCF:diskConfig AUTO (grow the filesystem with the disk).</summary>
    public bool AutoDiskConfig { get; init; }

    /// <summary>Hypervisor-side name, as Nova forms it: <c>instance-0000002a</c>.</summary>
    public string InstanceName => ControlPlane.Domain.Instances.InstanceNames.For(InternalId);
}
