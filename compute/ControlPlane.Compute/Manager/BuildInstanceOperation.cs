using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Manager;

/// <summary>
/// build_and_run_instance (Nova's <c>_build_and_run_instance</c>): report spawning, spawn, report active. A
/// driver failure removes what the spawn left and casts <c>BuildFailed</c> (the conductor releases the claim
/// and reschedules or errors out); an unbuildable spec is a non-retryable <c>BuildFailed</c>. Redelivery: a
/// build handed back at start-up is skipped; one the conductor no longer places here is dropped (its
/// leftovers removed); an instance the driver already runs is reported active again; a half-built one is
/// destroyed and spawned again.
/// </summary>
public sealed class BuildInstanceOperation(
    IVirtDriver driver,
    IImageSource images,
    ConductorRpcClient conductor,
    InterruptedBuilds interruptedBuilds,
    IOptions<ComputeOptions> options,
    TimeProvider timeProvider) : OperationSteps<BuildAndRunInstance>
{
    private readonly string _host = options.Value.Host;

    /// <inheritdoc />
    public override InstanceOperation Definition(BuildAndRunInstance message) => InstanceOperations.Boot;

    /// <inheritdoc />
    public override InstanceSpec? Spec(BuildAndRunInstance message) => message.Instance;

    /// <inheritdoc />
    public override bool RequiresFlavor => true;

    /// <summary>The instance is identifiable but unbuildable anywhere: error it out rather than leave it building.</summary>
    public override async Task<bool> RejectSpecAsync(BuildAndRunInstance message, Guid instanceId, string host, InvalidException error, CancellationToken cancellationToken)
    {
        await conductor.BuildFailedAsync(NewBuildFailed(instanceId, OperationFaults.From(error, _host, FaultCode.BadRequest), retryable: false), cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public override async Task<OperationStart> PrepareAsync(OperationRun<BuildAndRunInstance> run, CancellationToken cancellationToken)
    {
        var instance = run.Instance;
        if (interruptedBuilds.IsStale(instance.InstanceId, run.Redelivered))
        {
            run.Logger.StaleBuildSkipped(instance.InstanceName);
            return OperationStart.Skip;
        }

        if (run.Redelivered && !await IsStillAssignedHereAsync(run, cancellationToken).ConfigureAwait(false))
        {
            return OperationStart.Skip;
        }

        if (await IsAlreadyRunningAsync(run, cancellationToken).ConfigureAwait(false))
        {
            run.Logger.BuildAlreadyRunning(instance.InstanceName);
            return OperationStart.AlreadyDone;
        }
        return OperationStart.Run;
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(OperationRun<BuildAndRunInstance> run, CancellationToken cancellationToken)
    {
        await run.ReportAsync(run.Reports.Progress(TaskState.Spawning, VmState.Building), cancellationToken).ConfigureAwait(false);
        await driver.SpawnAsync(run.Instance, images, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void CompleteReport(OperationRun<BuildAndRunInstance> run, InstanceUpdate report) => CompleteActive(report);

    /// <inheritdoc />
    public override Task CleanUpAsync(OperationRun<BuildAndRunInstance> run, Exception error, CancellationToken cancellationToken) =>
        DestroyQuietlyAsync(run.Instance, run.Logger, cancellationToken);

    /// <summary>A failed build is not reverted here: <c>BuildFailed</c> lets the conductor reschedule it.</summary>
    public override Task ReportFailureAsync(OperationRun<BuildAndRunInstance> run, Exception error, InstanceFault fault, CancellationToken cancellationToken)
    {
        var retryable = error is not VirtDriverException driverError || driverError.Retryable;
        return conductor.BuildFailedAsync(NewBuildFailed(run.Instance.InstanceId, fault, retryable), cancellationToken);
    }

    /// <summary>Reports a running instance active (a build interrupted after the spawn, found running at
    /// start-up). Caller holds the instance's lock.</summary>
    public Task ReportActiveAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var report = new OperationReport(InstanceOperations.Boot, instanceId, _host).Succeeded();
        CompleteActive(report);
        return conductor.InstanceUpdateAsync(report, cancellationToken);
    }

    /// <summary>Removes what a failed or interrupted build left; a failure here is logged, not thrown, so the
    /// build failure is still reported. Caller holds the instance's lock.</summary>
    public async Task DestroyQuietlyAsync(VirtInstance instance, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await driver.DestroyAsync(instance, cancellationToken).ConfigureAwait(false);
        }
        catch (VirtDriverException e)
        {
            logger.CleanupFailed(e, instance.InstanceName);
        }
    }

    private void CompleteActive(InstanceUpdate report)
    {
        report.PowerState = (int)PowerState.Running;
        report.LaunchedAt = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow());
    }

    private BuildFailed NewBuildFailed(Guid instanceId, InstanceFault fault, bool retryable) => new()
    {
        InstanceId = instanceId.ToString("D"),
        Host = _host,
        Fault = fault,
        Retryable = retryable,
    };

    /// <summary>
    /// A redelivered build may be stale: while this host was away the conductor may have handed the build to
    /// another host (its reaper settles builds of silent hosts) or the user deleted it. Redeliveries are rare,
    /// so ask the conductor (a call) whether the instance is still building here. Not building any more (e.g.
    /// already active): nothing to do. Not on this host at all: remove whatever this host holds of it.
    /// </summary>
    private async Task<bool> IsStillAssignedHereAsync(OperationRun<BuildAndRunInstance> run, CancellationToken cancellationToken)
    {
        var assigned = await conductor.GetHostInstancesAsync(_host, cancellationToken).ConfigureAwait(false);
        var id = run.Instance.InstanceId.ToString("D");
        var current = assigned.Instances.FirstOrDefault(i => string.Equals(i.InstanceId, id, StringComparison.OrdinalIgnoreCase));
        if (current?.VmState == VmState.Building)
        {
            return true;
        }

        run.Logger.BuildNoLongerAssigned(run.Instance.InstanceName, current?.VmState ?? "not on this host");
        if (current is null)
        {
            // Placed elsewhere or deleted: what this host holds of it is a leftover.
            await DestroyQuietlyAsync(run.Instance, run.Logger, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    private async Task<bool> IsAlreadyRunningAsync(OperationRun<BuildAndRunInstance> run, CancellationToken cancellationToken)
    {
        var known = await driver.ListInstancesAsync(cancellationToken).ConfigureAwait(false);
        if (!known.Contains(run.Instance.InstanceId))
        {
            return false;
        }

        var power = await driver.GetPowerStateAsync(run.Instance, cancellationToken).ConfigureAwait(false);
        if (power == DriverPowerState.Running)
        {
            return true;
        }

        run.Logger.RemovingLeftovers(run.Instance.InstanceName, power.ToString());
        await driver.DestroyAsync(run.Instance, cancellationToken).ConfigureAwait(false);
        return false;
    }
}
