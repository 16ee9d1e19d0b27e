using ControlPlane.Data.Instances;
using ControlPlane.Data.Resize;
using ControlPlane.Domain.Migrations;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Options;
using Microsoft.Extensions.Options;
using RequestContext = ControlPlane.Domain.Context.RequestContext;

namespace ControlPlane.Scheduler.Resize;

/// <summary>
/// Nova's <c>_poll_unconfirmed_resizes</c> (<see cref="SchedulerOptions.ResizeConfirmWindowSeconds"/>, 0 = off), run by
/// the conductor because it holds the database: every migration <c>finished</c> for longer than the window is
/// confirmed like the api does it (task resize_confirming with a <c>confirmResize</c> action row, migration
/// confirming, confirm cast to the source). Instance gone or in ERROR, or not VERIFY_RESIZE without a task: the
/// migration goes to error; an instance busy with another task is skipped this round. Failures are retried next run.
/// </summary>
public sealed class ResizeAutoConfirmer(
    MigrationStore migrations, BuildStateStore instances, InstanceWriter writer, ResizeFlow flow,
    IOptions<SchedulerOptions> options, TimeProvider timeProvider, ILogger<ResizeAutoConfirmer> logger) : BackgroundService
{
    /// <summary>How often the window is checked (Nova runs the task every periodic interval, 60 s).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    /// <summary>Confirms every resize older than the window once; returns how many were confirmed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var window = options.Value.ResizeConfirmWindowSeconds;
        if (window <= 0)
        {
            return 0;
        }
        var now = timeProvider.GetUtcNow();
        var due = await migrations.ListAsync(new MigrationQuery { Status = MigrationStatus.Finished, ChangesBefore = now.AddSeconds(-window) }, ct);
        var confirmed = 0;
        foreach (var m in due)
        {
            var row = await instances.GetAsync(m.InstanceId, ct);
            if (row is not null && !row.Deleted && row.TaskState is not null && row.VmState != VmState.Error)
            {
                continue;
            }
            if (row is null || row.Deleted || row.VmState != VmState.Resized)
            {
                await migrations.SetStatusAsync(m.Uuid, [MigrationStatus.Finished], MigrationStatus.Error, ct);
                continue;
            }
            var requestId = RequestContext.NewId();
            using var scope = RequestContext.Begin(requestId);
            var transition = new TaskStateTransition { ExpectedTaskStates = [null], TaskState = TaskState.ResizeConfirming };
            await writer.BeginActionAsync(row.Id, transition, InstanceOperations.ConfirmResize.ActionName!, requestId,
                m.UserId ?? row.UserId, m.ProjectId ?? row.ProjectId, now, ct);
            if (await migrations.SetStatusAsync(m.Uuid, [MigrationStatus.Finished], MigrationStatus.Confirming, ct))
            {
                ResizeLog.AutoConfirm(logger, m.Uuid, m.InstanceId);
                await flow.ResolveAsync(m.Uuid, revert: false, ct);
                confirmed++;
            }
        }
        return confirmed;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                ResizeLog.AutoConfirmFailed(logger, ex);
            }
        }
    }
}
