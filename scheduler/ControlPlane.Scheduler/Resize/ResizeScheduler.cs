using System.Security.Cryptography;
using ControlPlane.Compute.Rpc;
using ControlPlane.Data.Resize;
using ControlPlane.Domain.Flavors;
using ControlPlane.Domain.Migrations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Conductor;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Grains.Options;
using ControlPlane.Scheduler.Scheduling;
using Microsoft.Extensions.Options;
using RequestContext = ControlPlane.Domain.Context.RequestContext;
using TaskStateTransition = ControlPlane.Data.Instances.TaskStateTransition;

namespace ControlPlane.Scheduler.Resize;

/// <summary>
/// <c>conductor.migrate_server</c> (Nova's conductor <c>_cold_migrate</c>): picks and claims a destination for the
/// new flavor (the source excluded unless <see cref="SchedulerOptions.AllowResizeToSameHost"/>, only the named host
/// for a 2.56 migrate), records the migration (pre-migrating, with its one-time transfer token) and casts
/// <c>prep_resize</c> to the destination. The source keeps its claim on the old flavor until confirm or revert.
/// No valid host: the migration is recorded in error, the task goes back to none with a fault, vm_state unchanged.
/// </summary>
public sealed class ResizeScheduler(
    BuildStateStore instances,
    MigrationStore migrations,
    ResizeStateStore states,
    SchedulerService scheduler,
    ComputeRpcClient compute,
    IOptions<SchedulerOptions> options,
    TimeProvider timeProvider,
    ILogger<ResizeScheduler> logger)
{
    /// <summary>The action event of the conductor's part.</summary>
    public const string EventName = "conductor_migrate_server";

    /// <summary>Handles one <see cref="MigrateServer"/> (idempotent per migration id).</summary>
    public async Task MigrateAsync(Guid instanceId, Guid migrationId, MigrateServer message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = timeProvider.GetUtcNow();
        var row = await instances.GetAsync(instanceId, ct);
        if (row is null || row.Deleted || row.Host is null)
        {
            ResizeLog.Dropped(logger, instanceId, "the instance is deleted, unknown or has no host");
            return;
        }
        var autoDisk = message.HasAutoDiskConfig ? message.AutoDiskConfig : row.AutoDiskConfig;
        if (await migrations.GetAsync(migrationId, ct) is { } existing)
        {
            if (existing.Status == MigrationStatus.PreMigrating && existing.DestCompute is not null)
            {
                await CastPrepAsync(row, existing, autoDisk, ct);
            }
            return;
        }
        if (row.TaskState != TaskState.ResizePrep)
        {
            ResizeLog.Dropped(logger, instanceId, $"it is {row.VmState}/{row.TaskState ?? "none"}");
            return;
        }
        var newFlavor = FlavorCopy.Parse(message.NewFlavorJson);
        var source = row.Host;
        var excludeSource = !options.Value.AllowResizeToSameHost;
        var target = string.IsNullOrEmpty(message.TargetHost) ? null : message.TargetHost;
        var destination = await scheduler.SelectAndClaimAsync(instanceId, newFlavor.ToResources(), excludeSource ? [source] : [], target, ct);
        var record = new NewMigration(migrationId, instanceId, source, destination, destination, row.Flavor.Id, newFlavor.Id,
            OldFlavorJson(row), message.NewFlavorJson, message.MigrationType, row.VmState, message.UserId, message.ProjectId,
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        await migrations.CreateAsync(record, ct);
        if (destination is null)
        {
            ResizeLog.NoValidHost(logger, instanceId, source, excludeSource);
            await states.ApplyAsync(new ResizeTransition
            {
                MigrationId = migrationId, ExpectedStatuses = [MigrationStatus.PreMigrating], Status = MigrationStatus.Error,
                InstanceId = instanceId,
                Instance = new TaskStateTransition { ExpectedTaskStates = [TaskState.ResizePrep], TaskState = null },
                Fault = BuildFaults.NoValidHost(),
                Event = new InstanceEvent(EventName, InstanceEvent.Error, null, RequestContext.Current ?? RequestContext.NewId(), started, timeProvider.GetUtcNow()),
            }, ct);
            return;
        }
        ResizeLog.Scheduled(logger, migrationId, instanceId, destination, source);
        var created = await migrations.GetAsync(migrationId, ct) ?? throw new InvalidOperationException($"Migration {migrationId} vanished.");
        await CastPrepAsync(row, created, autoDisk, ct);
    }

    private Task CastPrepAsync(InstanceRecord row, MigrationRecord m, bool autoDisk, CancellationToken ct) =>
        compute.PrepResizeAsync(m.DestCompute!, new PrepResize { Instance = InstanceSpecMapper.ToSpec(row), Migration = MigrationContexts.From(m, autoDisk) }, ct);

    private static string OldFlavorJson(InstanceRecord row) =>
        row.FlavorJson ?? throw new InvalidOperationException($"Instance {row.Id} was read without its flavor copy.");
}
