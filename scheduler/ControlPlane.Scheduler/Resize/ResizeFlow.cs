using ControlPlane.Compute.Rpc;
using ControlPlane.Data.Instances;
using ControlPlane.Data.Resize;
using ControlPlane.Domain.Migrations;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Scheduling;
using RequestContext = ControlPlane.Domain.Context.RequestContext;

namespace ControlPlane.Scheduler.Resize;

/// <summary>
/// The conductor's resize state machine after scheduling (reference E.3/E.4): each step a compute host reports moves
/// the migration and the instance together by compare-and-set (<see cref="ResizeStateStore"/>), then casts the next
/// step: prepped → resize_instance on the source; migrated (host := destination, resize_migrated) → finish_resize on the
/// destination; finished → resized, new flavor, migration finished. Confirm: confirmed → active/stopped, the source's
/// claim dropped. Revert: reverted_dest (host := source, old flavor, the destination's claim dropped) →
/// finish_revert_resize on the source; reverted → active/stopped. A failure before the disks left the source rolls back
/// to the source (vm_state as before, fault, destination cleaned and its claim dropped); later failures are ERROR.
/// </summary>
public sealed class ResizeFlow(
    BuildStateStore instances, MigrationStore migrations, ResizeStateStore states, SchedulerService scheduler,
    ComputeRpcClient compute, TimeProvider timeProvider, ILogger<ResizeFlow> logger)
{
    /// <summary>Applies one reported step (stale or redelivered reports change nothing).</summary>
    public async Task StepAsync(Guid migrationId, MigrationStep step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        var m = await migrations.GetAsync(migrationId, ct);
        var row = m is null ? null : await instances.GetAsync(m.InstanceId, ct);
        if (m is null || row is null || row.Deleted)
        {
            ResizeLog.Dropped(logger, m?.InstanceId ?? Guid.Empty, $"migration {migrationId} or its instance is gone");
            return;
        }
        var source = m.SourceCompute!;
        var dest = m.DestCompute!;
        var back = m.OldVmState == VmState.Stopped ? VmState.Stopped : VmState.Active;
        bool applied;
        switch (step.Step)
        {
            case ResizeStep.Prepped when step.Host == dest:
                applied = await migrations.SetStatusAsync(m.Uuid, [MigrationStatus.PreMigrating], MigrationStatus.Migrating, ct);
                if (applied)
                {
                    await compute.ResizeInstanceAsync(source, new ResizeInstance
                    {
                        Instance = InstanceSpecMapper.ToSpec(row), Migration = MigrationContexts.From(m, row.AutoDiskConfig, step.TransferEndpoint),
                    }, ct);
                }
                break;
            case ResizeStep.Migrated when step.Host == source:
                applied = await ApplyAsync(m, [MigrationStatus.Migrating], MigrationStatus.PostMigrating, new TaskStateTransition
                {
                    // resize_prep too: the source's own resize_migrating report travels on the same shared queue and
                    // another conductor replica may apply it after this step (it then loses its compare-and-set).
                    ExpectedTaskStates = [TaskState.ResizePrep, TaskState.ResizeMigrating], TaskState = TaskState.ResizeMigrated, Host = dest, Progress = 80,
                }, null, ResizeOperations.Migrate, step, ct);
                if (applied)
                {
                    await compute.FinishResizeAsync(dest, new FinishResize
                    {
                        Instance = InstanceSpecMapper.ToSpec(row with { Host = dest }), Migration = MigrationContexts.From(m, row.AutoDiskConfig),
                    }, ct);
                }
                break;
            case ResizeStep.Finished when step.Host == dest:
                applied = await ApplyAsync(m, [MigrationStatus.PostMigrating], MigrationStatus.Finished, new TaskStateTransition
                {
                    ExpectedTaskStates = [TaskState.ResizeMigrated, TaskState.ResizeFinish], TaskState = null, VmState = VmState.Resized,
                    Progress = 100, PowerState = step.HasPowerState ? (int?)step.PowerState : null, LaunchedAt = timeProvider.GetUtcNow(),
                }, m.NewFlavorJson, ResizeOperations.Finish, step, ct);
                break;
            case ResizeStep.Confirmed when step.Host == source:
                applied = await ApplyAsync(m, [MigrationStatus.Confirming], MigrationStatus.Confirmed, new TaskStateTransition
                {
                    ExpectedTaskStates = [TaskState.ResizeConfirming, null], TaskState = null, VmState = back,
                }, null, ResizeOperations.Confirm, step, ct);
                if (applied && source != dest)
                {
                    await scheduler.ReleaseAsync(source, row.Id);
                    await scheduler.EnsureClaimAsync(dest, row.Id, Flavor(m.NewFlavorJson));
                }
                break;
            case ResizeStep.RevertedDestination when step.Host == dest:
                applied = await RevertedDestinationAsync(m, row, step, ct);
                break;
            case ResizeStep.Reverted when step.Host == source:
                applied = await ApplyAsync(m, [MigrationStatus.Reverting], MigrationStatus.Reverted, new TaskStateTransition
                {
                    ExpectedTaskStates = [TaskState.ResizeReverting], TaskState = null, VmState = back, Progress = 0,
                    PowerState = step.HasPowerState ? (int?)step.PowerState : null, LaunchedAt = timeProvider.GetUtcNow(),
                }, null, ResizeOperations.FinishRevert, step, ct);
                break;
            case ResizeStep.Failed:
                applied = await FailedAsync(m, row, step, back, ct);
                break;
            default:
                applied = false;
                break;
        }
        ResizeLog.Step(logger, m.Uuid, m.InstanceId, step.Step, step.Host, applied);
    }

    /// <summary>Casts the confirm (to the source) or the revert (to the destination) of a migration the api moved to
    /// confirming / reverting.</summary>
    public async Task ResolveAsync(Guid migrationId, bool revert, CancellationToken ct)
    {
        var m = await migrations.GetAsync(migrationId, ct);
        var row = m is null ? null : await instances.GetAsync(m.InstanceId, ct);
        if (m is null || row is null || row.Deleted || m.Status != (revert ? MigrationStatus.Reverting : MigrationStatus.Confirming))
        {
            ResizeLog.Dropped(logger, m?.InstanceId ?? Guid.Empty, $"migration {migrationId} is not {(revert ? "reverting" : "confirming")}");
            return;
        }
        var context = MigrationContexts.From(m, row.AutoDiskConfig);
        var spec = InstanceSpecMapper.ToSpec(row);
        if (revert)
        {
            await compute.RevertResizeAsync(m.DestCompute!, new RevertResize { Instance = spec, Migration = context }, ct);
        }
        else
        {
            await compute.ConfirmResizeAsync(m.SourceCompute!, new ConfirmResize { Instance = spec, Migration = context }, ct);
        }
    }

    /// <summary>
    /// After the instance was deleted on <paramref name="deletedOn"/> (Nova's <c>_confirm_resize_on_deleting</c>): a resize
    /// still in progress ends (<c>confirmed</c> when it was waiting for a confirm, else <c>error</c>), the other host's claim
    /// is released and that host cleans its copy (the source destroys <c>-orig</c>, a destination its received disks).
    /// </summary>
    public async Task CleanUpDeletedAsync(Guid instanceId, string deletedOn, CancellationToken ct)
    {
        var m = await migrations.FindAsync(instanceId, MigrationStatus.InProgress, ct);
        var row = await instances.GetAsync(instanceId, ct);
        if (m is null || row is null || m.SourceCompute is null || m.DestCompute is null)
        {
            return;
        }
        var ended = m.Status is MigrationStatus.Finished or MigrationStatus.Confirming ? MigrationStatus.Confirmed : MigrationStatus.Error;
        if (!await migrations.SetStatusAsync(m.Uuid, [m.Status], ended, ct))
        {
            return;
        }
        ResizeLog.Errored(logger, m.Uuid, instanceId, $"the instance was deleted on {deletedOn}; migration {ended}");
        var other = deletedOn == m.SourceCompute ? m.DestCompute : m.SourceCompute;
        if (other == deletedOn)
        {
            return;
        }
        await scheduler.ReleaseAsync(other, instanceId);
        var context = MigrationContexts.From(m, row.AutoDiskConfig);
        var spec = InstanceSpecMapper.ToSpec(row with { Host = other });
        if (other == m.SourceCompute)
        {
            await compute.ConfirmResizeAsync(other, new ConfirmResize { Instance = spec, Migration = context }, ct);
        }
        else
        {
            await compute.RevertResizeAsync(other, new RevertResize { Instance = spec, Migration = context }, ct);
        }
    }

    private async Task<bool> RevertedDestinationAsync(MigrationRecord m, Data.InstanceRecord row, MigrationStep step, CancellationToken ct)
    {
        var source = m.SourceCompute!;
        var dest = m.DestCompute!;
        if (m.Status == MigrationStatus.Error)
        {
            // Clean-up after a failure that already rolled the instance back: only the destination's claim is left.
            if (source != dest)
            {
                await scheduler.ReleaseAsync(dest, row.Id);
            }
            return true;
        }
        var applied = await ApplyAsync(m, [MigrationStatus.Reverting], MigrationStatus.Reverting, new TaskStateTransition
        {
            ExpectedTaskStates = [TaskState.ResizeReverting], KeepTaskState = true, Host = source,
        }, m.OldFlavorJson, ResizeOperations.RevertDestination, step, ct);
        if (applied)
        {
            if (source != dest)
            {
                await scheduler.ReleaseAsync(dest, row.Id);
            }
            await compute.FinishRevertResizeAsync(source, new FinishRevertResize
            {
                Instance = InstanceSpecMapper.ToSpec(row with { Host = source }), Migration = MigrationContexts.From(m, row.AutoDiskConfig),
            }, ct);
        }
        return applied;
    }

    private async Task<bool> FailedAsync(MigrationRecord m, Data.InstanceRecord row, MigrationStep step, string back, CancellationToken ct)
    {
        var source = m.SourceCompute!;
        var dest = m.DestCompute!;
        var early = m.Status is MigrationStatus.PreMigrating or MigrationStatus.Migrating;
        var transition = early && step.Rollback
            ? new TaskStateTransition
            {
                ExpectedTaskStates = [TaskState.ResizePrep, TaskState.ResizeMigrating], TaskState = null, VmState = back, Host = source,
                PowerState = step.HasPowerState ? (int?)step.PowerState : null, Progress = 0,
            }
            : new TaskStateTransition
            {
                ExpectedTaskStates = [TaskState.ResizePrep, TaskState.ResizeMigrating, TaskState.ResizeMigrated, TaskState.ResizeFinish,
                    TaskState.ResizeConfirming, TaskState.ResizeReverting, null],
                TaskState = null, VmState = VmState.Error,
            };
        var applied = await ApplyAsync(m, [.. MigrationStatus.InProgress], MigrationStatus.Error, transition, early ? m.OldFlavorJson : null,
            FailedDefinition(m.Status), step, ct);
        ResizeLog.Errored(logger, m.Uuid, m.InstanceId, step.Fault?.Message ?? "no fault");
        if (applied && early)
        {
            if (source != dest)
            {
                await scheduler.ReleaseAsync(dest, row.Id);
            }
            // The destination removes whatever it received (its reverted_dest report finds the migration in error).
            await compute.RevertResizeAsync(dest, new RevertResize
            {
                Instance = InstanceSpecMapper.ToSpec(row), Migration = MigrationContexts.From(m, row.AutoDiskConfig),
            }, ct);
        }
        return applied;
    }

    private static InstanceOperation FailedDefinition(string status) => status switch
    {
        MigrationStatus.PreMigrating => ResizeOperations.Prep,
        MigrationStatus.Migrating => ResizeOperations.Migrate,
        MigrationStatus.Confirming => ResizeOperations.Confirm,
        MigrationStatus.Reverting => ResizeOperations.FinishRevert,
        _ => ResizeOperations.Finish,
    };

    private Task<bool> ApplyAsync(MigrationRecord m, IReadOnlyList<string> expected, string status, TaskStateTransition transition,
        string? flavorJson, InstanceOperation definition, MigrationStep step, CancellationToken ct)
    {
        var now = timeProvider.GetUtcNow();
        var failed = step.Step == ResizeStep.Failed;
        return states.ApplyAsync(new ResizeTransition
        {
            MigrationId = m.Uuid, ExpectedStatuses = expected, Status = status, InstanceId = m.InstanceId, Instance = transition,
            FlavorJson = flavorJson, Fault = failed ? step.Fault : null,
            Event = definition.EventName is { } name
                ? new InstanceEvent(name, failed ? InstanceEvent.Error : InstanceEvent.Success, step.Host, RequestContext.Current ?? RequestContext.NewId(), now, now)
                : null,
        }, ct);
    }

    private static Resources Flavor(string? json) =>
        ControlPlane.Domain.Flavors.FlavorCopy.Parse(json ?? throw new InvalidOperationException("A migration without its flavor copy.")).ToResources();
}
