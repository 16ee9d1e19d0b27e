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
    // Created at start, not in ExecuteAsync (which .NET runs on the thread pool), so the first
    // interval is measured from StartAsync.
    private PeriodicTimer? timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReaperIntervalSeconds), timeProvider);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ticks = timer ?? throw new InvalidOperationException("The reaper timer is created in StartAsync.");
        while (await WaitForTickAsync(ticks, stoppingToken))
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
