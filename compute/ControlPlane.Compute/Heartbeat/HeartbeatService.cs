using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Heartbeat;

/// <summary>
/// Casts a <see cref="ServiceReport"/> with the driver's capacity to the conductor once the driver
/// is initialised, then every <c>Compute:ReportInterval</c> (on the injected
/// <see cref="TimeProvider"/>). A failed report is logged and the next tick tries again; the
/// scheduler treats a host silent for <c>service_down_time</c> as down.
/// </summary>
public sealed class HeartbeatService(
    IVirtDriver driver,
    ConductorRpcClient conductor,
    ComputeReadiness readiness,
    IOptions<ComputeOptions> options,
    TimeProvider timeProvider,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    /// <summary>The <c>binary</c> reported, as Nova's <c>nova-compute</c>.</summary>
    public const string Binary = "controlplane-compute";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitUntilDriverReadyAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(options.Value.ReportInterval, timeProvider);
        do
        {
            await ReportOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Sends one report; failures are logged, never thrown (except cancellation).</summary>
    internal async Task ReportOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var capacity = await driver.GetHostCapacityAsync(cancellationToken).ConfigureAwait(false);
            await conductor.ServiceReportAsync(NewReport(capacity), cancellationToken).ConfigureAwait(false);
            logger.HeartbeatSent(capacity.MemoryMbUsed, capacity.MemoryMb, capacity.VcpusUsed, capacity.Vcpus, capacity.RunningVms);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.HeartbeatFailed(e);
        }
    }

    private ServiceReport NewReport(HostCapacity capacity)
    {
        var report = new ServiceReport
        {
            Host = options.Value.Host,
            Binary = Binary,
            SentAt = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
            Capacity = new ComputeCapacity
            {
                MemoryMb = capacity.MemoryMb,
                MemoryMbUsed = capacity.MemoryMbUsed,
                Vcpus = capacity.Vcpus,
                VcpusUsed = capacity.VcpusUsed,
                LocalGb = capacity.LocalGb,
                LocalGbUsed = capacity.LocalGbUsed,
                RunningVms = capacity.RunningVms,
                HypervisorType = capacity.HypervisorType,
                HypervisorHostname = capacity.HypervisorHostname,
            },
        };
        report.DriverFeatures.AddRange(driver.Capabilities.Features.Order().Select(f => f.ToString()));
        return report;
    }
}
