namespace ControlPlane.Data.Resize;

/// <summary>One row of <c>migrations</c>: a resize or cold migration of an instance (Nova's migration object).</summary>
public sealed record MigrationRecord
{
    /// <summary>Internal id (Nova's integer <c>id</c> in <c>/os-migrations</c>).</summary>
    public required long Id { get; init; }

    /// <summary>Public uuid (shown from 2.59).</summary>
    public required Guid Uuid { get; init; }

    /// <summary>The instance migrated.</summary>
    public required Guid InstanceId { get; init; }

    /// <summary>Source compute host.</summary>
    public string? SourceCompute { get; init; }

    /// <summary>Source node.</summary>
    public string? SourceNode { get; init; }

    /// <summary>Destination compute host.</summary>
    public string? DestCompute { get; init; }

    /// <summary>Destination node.</summary>
    public string? DestNode { get; init; }

    /// <summary>Destination hypervisor address (Nova's <c>dest_host</c>).</summary>
    public string? DestHost { get; init; }

    /// <summary>Old flavor id.</summary>
    public string? OldFlavorId { get; init; }

    /// <summary>New flavor id.</summary>
    public string? NewFlavorId { get; init; }

    /// <summary>Old flavor copy (jsonb text), claimed on the source.</summary>
    public string? OldFlavorJson { get; init; }

    /// <summary>New flavor copy (jsonb text), claimed on the destination.</summary>
    public string? NewFlavorJson { get; init; }

    /// <summary><c>resize</c> or <c>migration</c>.</summary>
    public required string MigrationType { get; init; }

    /// <summary>Status (<see cref="Domain.Migrations.MigrationStatus"/>).</summary>
    public required string Status { get; init; }

    /// <summary>vm_state before the resize (a stopped server stays stopped).</summary>
    public string? OldVmState { get; init; }

    /// <summary>User who asked.</summary>
    public string? UserId { get; init; }

    /// <summary>Project of the request.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The one-time credential of the disk transfer (never shown by the api).</summary>
    public string? TransferToken { get; init; }

    /// <summary>Creation time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
