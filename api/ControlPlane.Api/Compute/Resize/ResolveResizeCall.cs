using ControlPlane.Api.Compute.Actions;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Data.Resize;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Migrations;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Resize;

/// <summary>
/// <c>confirmResize</c> or <c>revertResize</c> (Nova's <c>compute/api.py confirm_resize / revert_resize</c>): the
/// instance's migration must be <c>finished</c> (400 otherwise, as Nova's MigrationNotFoundByStatus); after the task
/// state is set the migration moves to <c>confirming</c> / <c>reverting</c> (compare-and-set) and the conductor is
/// told; a failed cast puts the migration back to <c>finished</c>.
/// </summary>
public sealed class ResolveResizeCall(InstanceOperation operation, bool revert, MigrationStore migrations, ConductorRpcClient conductor) : ServerActionCall
{
    private MigrationRecord? _migration;

    /// <inheritdoc />
    public override InstanceOperation Operation { get; } = operation;

    /// <inheritdoc />
    public override async Task PrepareAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _migration = await migrations.FindAsync(context.Instance.Id, [MigrationStatus.Finished], cancellationToken)
            ?? throw new InvalidException($"Migration not found for instance {context.Instance.Id} with status {MigrationStatus.Finished}");
    }

    /// <inheritdoc />
    public override async Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var migration = _migration ?? throw new InvalidOperationException("ResolveResizeCall cast before PrepareAsync.");
        var status = revert ? MigrationStatus.Reverting : MigrationStatus.Confirming;
        if (!await migrations.SetStatusAsync(migration.Uuid, [MigrationStatus.Finished], status, CancellationToken.None))
        {
            throw new ConflictException($"Migration {migration.Uuid} of instance {context.Instance.Id} changed while {Operation.Name} started.");
        }
        await conductor.ResolveResizeAsync(
            new ResolveResize { Instance = context.Spec(), MigrationId = migration.Uuid.ToString("D"), Revert = revert }, CancellationToken.None);
    }

    /// <inheritdoc />
    public override async Task RollBackAsync(ServerActionContext context, string reason)
    {
        if (_migration is { } migration)
        {
            await migrations.SetStatusAsync(migration.Uuid, [MigrationStatus.Confirming, MigrationStatus.Reverting], MigrationStatus.Finished, CancellationToken.None);
        }
    }
}
