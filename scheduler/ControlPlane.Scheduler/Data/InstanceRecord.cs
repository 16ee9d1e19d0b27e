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
    /// <summary>Hypervisor-side name, as Nova forms it: <c>instance-0000002a</c>.</summary>
    public string InstanceName => ControlPlane.Domain.Instances.InstanceNames.For(InternalId);
}
