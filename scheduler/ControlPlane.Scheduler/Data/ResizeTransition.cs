using ControlPlane.Data.Instances;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Scheduler.Data;

/// <summary>One step of a resize as the conductor writes it: the migration's status compare-and-set, the instance's
/// task-state compare-and-set, and optionally its flavor, a fault and an action event, all in one transaction.</summary>
public sealed record ResizeTransition
{
    /// <summary>The migration.</summary>
    public required Guid MigrationId { get; init; }

    /// <summary>Statuses the migration may be in.</summary>
    public required IReadOnlyList<string> ExpectedStatuses { get; init; }

    /// <summary>The status written.</summary>
    public required string Status { get; init; }

    /// <summary>The instance.</summary>
    public required Guid InstanceId { get; init; }

    /// <summary>The instance's state change (null = the instance is not touched).</summary>
    public TaskStateTransition? Instance { get; init; }

    /// <summary>The flavor copy the instance carries from now on (null = unchanged).</summary>
    public string? FlavorJson { get; init; }

    /// <summary>A fault to record.</summary>
    public InstanceFault? Fault { get; init; }

    /// <summary>An action event to record.</summary>
    public InstanceEvent? Event { get; init; }
}
