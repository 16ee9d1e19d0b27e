using Microsoft.Extensions.Hosting;

namespace ControlPlane.Compute.Startup;

/// <summary>
/// A periodic task of this compute host (Nova's <c>@periodic_task</c>): off when <see cref="Enabled"/> is false;
/// otherwise, once the start-up reconcile is done, <see cref="RunOnceAsync"/> every <see cref="PollInterval"/>. A pass
/// that fails is logged (<see cref="PassFailed"/>) and the next tick runs again.
/// </summary>
/// <param name="readiness">Signals the end of the start-up reconcile.</param>
/// <param name="clock">The clock the timer runs on.</param>
public abstract class HostPeriodicTask(ComputeReadiness readiness, TimeProvider clock) : BackgroundService
{
    /// <summary>The clock (for the pass's own "now").</summary>
    protected TimeProvider Clock => clock;

    /// <summary>False turns the task off (its option is 0 / off).</summary>
    protected abstract bool Enabled { get; }

    /// <summary>Time between passes.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>One pass; returns how many instances it changed.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Logs a pass that failed.</summary>
    protected abstract void PassFailed(Exception error);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        await readiness.WaitUntilReconciledAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                PassFailed(e);
            }
        }
    }
}
