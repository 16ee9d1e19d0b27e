using ControlPlane.Scheduler.Grains.Options;
using Microsoft.Extensions.Options;
// Orleans' implicit usings also bring an Orleans.Runtime.RequestContext.
using RequestContext = ControlPlane.Domain.Context.RequestContext;

namespace ControlPlane.Scheduler.Conductor;

/// <summary>
/// Every <c>Scheduler:ReaperIntervalSeconds</c> (on the injected <see cref="TimeProvider"/>), sweeps
/// the builds stuck on hosts whose service stopped reporting, so a compute killed during a build
/// ends in a reschedule or ERROR, never stuck in building. A failed sweep is logged and retried at
/// the next tick.
/// </summary>
public sealed class BuildReaper(IStuckBuildSweeper sweeper, IOptions<SchedulerOptions> options, TimeProvider timeProvider, ILogger<BuildReaper> logger)
    : BackgroundService
{
    /// <summary>Number of completed sweeps (successful or not), for tests and metrics.</summary>
    public int Sweeps { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReaperIntervalSeconds), timeProvider);
        while (await WaitForTickAsync(timer, stoppingToken))
        {
            using var request = RequestContext.Begin(RequestContext.NewId());
            try
            {
                var settled = await sweeper.SweepAsync(stoppingToken);
                if (settled > 0)
                {
                    ConductorLog.ReaperSettled(logger, settled);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                ConductorLog.ReaperFailed(logger, ex);
            }
            Sweeps++;
        }
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
