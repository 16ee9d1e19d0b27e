using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Conductor.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Startup;

/// <summary>
/// Brings the host up: initialises the driver, asks the conductor which instances it places on
/// this host (retrying with bounded backoff until it answers), reconciles them, then opens the
/// gate that message handlers wait on. Runs in the background so <c>/healthz</c> answers meanwhile.
/// </summary>
public sealed class ComputeStartupService(
    IVirtDriver driver,
    ConductorRpcClient conductor,
    InstanceReconciler reconciler,
    ComputeReadiness readiness,
    IOptions<ComputeOptions> options,
    TimeProvider timeProvider,
    ILogger<ComputeStartupService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        await StartupRetry.RunAsync(
            async ct =>
            {
                await driver.InitHostAsync(o.Host, ct).ConfigureAwait(false);
                return true;
            },
            (e, attempt, delay) => logger.DriverInitFailed(e, attempt, delay),
            o.ReconcileRetryDelay, o.ReconcileRetryMaxDelay, timeProvider, stoppingToken).ConfigureAwait(false);
        readiness.MarkDriverReady();
        logger.DriverInitialized(driver.Capabilities.HypervisorType, o.Host);

        var hostInstances = await StartupRetry.RunAsync(
            ct => conductor.GetHostInstancesAsync(o.Host, ct),
            (e, attempt, delay) => logger.ConductorUnavailable(e, attempt, delay),
            o.ReconcileRetryDelay, o.ReconcileRetryMaxDelay, timeProvider, stoppingToken).ConfigureAwait(false);
        await reconciler.ReconcileAsync(hostInstances.Instances, stoppingToken).ConfigureAwait(false);
        readiness.MarkReconciled();
    }
}
