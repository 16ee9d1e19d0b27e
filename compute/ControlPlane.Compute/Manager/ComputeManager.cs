using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Clients;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Manager;

/// <summary>
/// Executes instance operations on this host through the virt driver and reports every state
/// change to the conductor (Nova's <c>compute/manager.py</c>). Every operation runs under the
/// instance's lock and is idempotent, because the broker redelivers a message whose handler
/// did not finish.
/// </summary>
public sealed class ComputeManager(
    IVirtDriver driver,
    IImageSource images,
    ConductorRpcClient conductor,
    InstanceLocks locks,
    InterruptedBuilds interruptedBuilds,
    IOptions<ComputeOptions> options,
    TimeProvider timeProvider,
    ILogger<ComputeManager> logger)
{
    private readonly string _host = options.Value.Host;

    /// <summary>
    /// build_and_run_instance: report spawning, spawn, report active. A driver failure removes what
    /// the spawn left and casts <c>BuildFailed</c> (the conductor releases the claim and
    /// reschedules or errors out). Redelivery: an instance the driver already runs is reported
    /// active again; a half-built one is destroyed and spawned again; a build the conductor no
    /// longer places here is dropped.
    /// </summary>
    public async Task BuildAndRunInstanceAsync(BuildAndRunInstance message, bool redelivered, CancellationToken cancellationToken)
    {
        var id = InstanceMapper.ParseId(message.Instance);
        using var scope = logger.InstanceScope(id);
        using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
        VirtInstance instance;
        try
        {
            instance = InstanceMapper.ToVirt(message.Instance, requireFlavor: true);
        }
        catch (Domain.Errors.InvalidException e)
        {
            // The instance is identifiable but unbuildable anywhere: error it out rather than
            // leave it in building.
            logger.InvalidInstanceSpec("build_and_run_instance", e.Message);
            await conductor.BuildFailedAsync(NewBuildFailed(id, e, retryable: false), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (interruptedBuilds.IsStale(id, redelivered))
        {
            logger.StaleBuildSkipped(instance.InstanceName);
            return;
        }

        logger.BuildStarted(instance.InstanceName, message.Attempt, redelivered);
        if (redelivered && !await IsStillAssignedHereAsync(instance, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (await IsAlreadyRunningAsync(instance, cancellationToken).ConfigureAwait(false))
        {
            logger.BuildAlreadyRunning(instance.InstanceName);
            await ReportActiveAsync(instance, cancellationToken).ConfigureAwait(false);
            return;
        }

        await conductor.InstanceUpdateAsync(InstanceReports.Spawning(id, _host), cancellationToken).ConfigureAwait(false);
        try
        {
            await driver.SpawnAsync(instance, images, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryable = e is not VirtDriverException driverError || driverError.Retryable;
            logger.BuildFailed(e, instance.InstanceName, retryable);
            await DestroyQuietlyAsync(instance, cancellationToken).ConfigureAwait(false);
            await conductor.BuildFailedAsync(NewBuildFailed(id, e, retryable), cancellationToken).ConfigureAwait(false);
            return;
        }

        await ReportActiveAsync(instance, cancellationToken).ConfigureAwait(false);
        logger.BuildSucceeded(instance.InstanceName);
    }

    /// <summary>
    /// terminate_instance: destroy the VM and its own disks, report deleted. Idempotent: an
    /// instance the driver does not know is reported deleted. A destroy failure reports the
    /// instance in error with a fault (Nova errors out a failed delete; deleting again retries).
    /// </summary>
    public async Task TerminateInstanceAsync(TerminateInstance message, CancellationToken cancellationToken)
    {
        var id = InstanceMapper.ParseId(message.Instance);
        using var scope = logger.InstanceScope(id);
        using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
        var instance = InstanceMapper.ToVirt(message.Instance, requireFlavor: false);
        await DestroyAndReportAsync(instance, DeleteExpectations(message.Instance.TaskState), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Destroys <paramref name="instance"/> and reports the outcome. Caller holds the lock.</summary>
    internal async Task DestroyAndReportAsync(VirtInstance instance, IReadOnlyList<string> expectedTaskStates, CancellationToken cancellationToken)
    {
        logger.TerminateStarted(instance.InstanceName);
        bool wasKnown;
        try
        {
            wasKnown = (await driver.ListInstancesAsync(cancellationToken).ConfigureAwait(false)).Contains(instance.InstanceId);
            await driver.DestroyAsync(instance, cancellationToken).ConfigureAwait(false);
        }
        catch (VirtDriverException e)
        {
            logger.TerminateFailed(e, instance.InstanceName);
            var failed = InstanceReports.DeleteFailed(instance.InstanceId, _host, expectedTaskStates, InstanceReports.Fault(e, _host));
            await conductor.InstanceUpdateAsync(failed, cancellationToken).ConfigureAwait(false);
            return;
        }

        await conductor.InstanceUpdateAsync(InstanceReports.Deleted(instance.InstanceId, _host, expectedTaskStates), cancellationToken).ConfigureAwait(false);
        logger.TerminateSucceeded(instance.InstanceName, wasKnown);
    }

    /// <summary>Reports a running instance active. Caller holds the lock.</summary>
    internal Task ReportActiveAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        conductor.InstanceUpdateAsync(InstanceReports.Active(instance.InstanceId, _host, timeProvider.GetUtcNow()), cancellationToken);

    /// <summary>Removes what a failed or interrupted build left; a failure here is logged, not thrown,
    /// so the build failure is still reported. Caller holds the lock.</summary>
    internal async Task DestroyQuietlyAsync(VirtInstance instance, CancellationToken cancellationToken)
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

    /// <summary>Builds the <c>BuildFailed</c> cast for this host.</summary>
    internal BuildFailed NewBuildFailed(Guid instanceId, Exception error, bool retryable) => new()
    {
        InstanceId = instanceId.ToString("D"),
        Host = _host,
        Fault = InstanceReports.Fault(error, _host),
        Retryable = retryable,
    };

    /// <summary>The task states a delete report may overwrite: the one the API set (deleting), plus
    /// whatever the message carried, so a delete of an instance mid-build also lands.</summary>
    internal static IReadOnlyList<string> DeleteExpectations(string? observedTaskState) =>
        string.IsNullOrEmpty(observedTaskState) || observedTaskState == TaskState.Deleting
            ? [TaskState.Deleting]
            : [TaskState.Deleting, observedTaskState];

    /// <summary>
    /// A redelivered build may be stale: while this host was away the conductor may have handed the
    /// build to another host (its reaper settles builds of silent hosts) or the user deleted it.
    /// Redeliveries are rare, so ask the conductor (a call) whether the instance is still building
    /// here. Not building any more (e.g. already active): nothing to do. Not on this host at all: remove
    /// whatever this host holds of it.
    /// </summary>
    private async Task<bool> IsStillAssignedHereAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        var assigned = await conductor.GetHostInstancesAsync(_host, cancellationToken).ConfigureAwait(false);
        var id = instance.InstanceId.ToString("D");
        var current = assigned.Instances.FirstOrDefault(i => string.Equals(i.InstanceId, id, StringComparison.OrdinalIgnoreCase));
        if (current?.VmState == VmState.Building)
        {
            return true;
        }

        logger.BuildNoLongerAssigned(instance.InstanceName, current?.VmState ?? "not on this host");
        if (current is null)
        {
            // Placed elsewhere or deleted: what this host holds of it is a leftover.
            await DestroyQuietlyAsync(instance, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private async Task<bool> IsAlreadyRunningAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        var known = await driver.ListInstancesAsync(cancellationToken).ConfigureAwait(false);
        if (!known.Contains(instance.InstanceId))
        {
            return false;
        }

        var power = await driver.GetPowerStateAsync(instance, cancellationToken).ConfigureAwait(false);
        if (power == DriverPowerState.Running)
        {
            return true;
        }

        logger.RemovingLeftovers(instance.InstanceName, power.ToString());
        await driver.DestroyAsync(instance, cancellationToken).ConfigureAwait(false);
        return false;
    }
}
