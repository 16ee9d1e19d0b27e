using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Options;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Data.Flavors;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Flavors;
using ControlPlane.Domain.Migrations;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Resize;

/// <summary>
/// One <c>resize</c> or <c>migrate</c> (Nova's <c>compute/api.py resize</c>): after the runner's lock and state checks,
/// the new flavor is checked (unknown or disabled 400, the same flavor 400, a zero-disk flavor 400) and the quota of
/// the growth (403); then task <c>resize_prep</c> is set with the action row and <c>migrate_server</c> is cast to the
/// conductor, which schedules the destination and records the migration.
/// </summary>
public sealed class ResizeCall(
    InstanceOperation operation, ResizeRequest request, FlavorStore flavors, InstanceWriter writer, ConductorRpcClient conductor,
    IOptions<ApiOptions> options, TimeProvider clock) : ServerActionCall
{
    private FlavorSpec? _newFlavor;
    private string? _newFlavorJson;

    /// <inheritdoc />
    public override InstanceOperation Operation { get; } = operation;

    /// <summary>The request as parsed.</summary>
    public ResizeRequest Request => request;

    /// <summary>The migration's uuid (the conductor records it under this id).</summary>
    public Guid MigrationId { get; } = Guid.NewGuid();

    /// <inheritdoc />
    public override async Task PrepareAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var old = FlavorCopy.Parse(context.Instance.FlavorJson);
        if (request.FlavorRef is null)
        {
            _newFlavor = FlavorSnapshot.ToSpec(old);
            _newFlavorJson = context.Instance.FlavorJson;
            return;
        }
        var flavor = await flavors.FindAsync(request.FlavorRef, cancellationToken);
        if (flavor is null || flavor.Disabled)
        {
            throw new InvalidException($"Flavor {request.FlavorRef} could not be found.");
        }
        if (flavor.Id == old.Id)
        {
            throw new InvalidException("When resizing, instances must change flavor!");
        }
        if (flavor.RootGb == 0 && old.RootGb != 0)
        {
            throw new InvalidException("Resize to zero disk flavor is not allowed.");
        }
        var limits = new QuotaLimits(options.Value.QuotaInstances, options.Value.QuotaCores, options.Value.QuotaRamMb);
        await writer.CheckResizeQuotaAsync(context.Instance.ProjectId, flavor.Vcpus - old.Vcpus, flavor.MemoryMb - old.MemoryMb, limits, cancellationToken);
        _newFlavor = FlavorSnapshot.ToSpec(flavor);
        _newFlavorJson = FlavorSnapshot.ToJson(flavor);
    }

    /// <inheritdoc />
    public override async Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (request.AutoDiskConfig is { } disk)
        {
            // Nova writes OS-DCF:diskConfig of a resize on the instance with the request (servers.py _resize).
            await writer.UpdateAsync(context.Instance.Id, new InstanceUserUpdate { AutoDiskConfig = disk }, clock.GetUtcNow(), CancellationToken.None);
        }
        var message = new MigrateServer
        {
            Instance = context.Spec(),
            NewFlavor = _newFlavor ?? throw new InvalidOperationException("ResizeCall cast before PrepareAsync."),
            NewFlavorJson = _newFlavorJson,
            TargetHost = request.TargetHost ?? string.Empty,
            MigrationType = request.FlavorRef is null ? MigrationStatus.TypeMigration : MigrationStatus.TypeResize,
            UserId = context.Principal.UserId,
            ProjectId = context.Principal.ProjectId,
            MigrationId = MigrationId.ToString("D"),
        };
        if (request.AutoDiskConfig is { } auto)
        {
            message.AutoDiskConfig = auto;
        }
        await conductor.MigrateServerAsync(message, CancellationToken.None);
    }
}
