using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Rescue;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Startup;

/// <summary>
/// Start-up reconcile of the control plane's view of this host with the hypervisor's (Nova's
/// <c>_init_instance</c>, section E.8 of the reference), one instance at a time under its lock:
/// <list type="bullet">
/// <item>vm_state deleted or task deleting: finish the delete (destroy, report deleted).</item>
/// <item>task spawning (this host had started the build): running on the hypervisor means the
/// spawn finished before the crash, so report active (Nova errors it out instead; we keep the
/// working VM). Otherwise remove leftovers and cast <c>BuildFailed</c> (retryable) so the conductor
/// reschedules; the stale redelivery of the build message is then skipped
/// (<see cref="InterruptedBuilds"/>).</item>
/// <item>building in scheduling / block_device_mapping / networking / none: this host never
/// reported spawning, so the build message is still in its queue (casts are acked only after the
/// handler finished) and will be handled normally: left alone. (Nova errors these out; we would
/// then race the queued message.)</item>
/// <item>vm_state error or soft-delete: left alone (Nova).</item>
/// <item>task image_* or resize_prep: task cleared (Nova). powering-off/on, rebooting*: task
/// cleared and the power state reported. rescuing, unrescuing, and rescued instances the hypervisor holds only
/// partly rescued: <see cref="RescueRecovery"/>. Other tasks (resize_migrating, ...): left for the flows that own them.</item>
/// <item>no task, not on the hypervisor: power state NOSTATE reported, vm_state kept (Nova's
/// power sync: "Instance is unexpectedly not found. Ignore."). On the hypervisor: the power state is
/// reported when it differs; an active instance found shut down or crashed becomes stopped (Nova
/// calls the stop API for it).</item>
/// <item>instances on the hypervisor unknown to the control plane here: logged, never destroyed.</item>
/// </list>
/// </summary>
public sealed class InstanceReconciler(
    IVirtDriver driver,
    OperationRunner runner,
    BuildInstanceOperation build,
    TerminateInstanceOperation terminate,
    ConductorRpcClient conductor,
    InstanceLocks locks,
    InterruptedBuilds interruptedBuilds,
    RescueRecovery rescues,
    IOptions<ComputeOptions> options,
    ILogger<InstanceReconciler> logger)
{
    private static readonly HashSet<string> PreSpawnTaskStates = ["", TaskState.Scheduling, TaskState.BlockDeviceMapping, TaskState.Networking];
    private static readonly HashSet<string> ClearedTaskStates =
        [TaskState.ImageSnapshotPending, TaskState.ImageSnapshot, TaskState.ImagePendingUpload, TaskState.ImageUploading, TaskState.ResizePrep];
    private static readonly HashSet<string> PowerTaskStates =
        [TaskState.PoweringOff, TaskState.PoweringOn, TaskState.Rebooting, TaskState.RebootingHard];

    // NOTE(compute): an interrupted pause/unpause/suspend/resume may have reached the hypervisor; the vm_state
    // follows the power state found there, so the next action's state check sees what the VM really is.
    private static readonly HashSet<string> PauseSuspendTaskStates =
        [TaskState.Pausing, TaskState.Unpausing, TaskState.Suspending, TaskState.Resuming];

    private readonly string _host = options.Value.Host;

    /// <summary>Reconciles every instance; a failure on one is logged and the others proceed.</summary>
    public async Task<ReconcileResult> ReconcileAsync(IReadOnlyCollection<InstanceSpec> instances, CancellationToken cancellationToken)
    {
        var onHypervisor = (await driver.ListInstancesAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        logger.ReconcileStarted(instances.Count, onHypervisor.Count);
        var known = new HashSet<Guid>();
        int changed = 0, failed = 0;
        foreach (var spec in instances)
        {
            try
            {
                var id = InstanceMapper.ParseId(spec);
                known.Add(id);
                using var scope = logger.InstanceScope(id);
                using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
                if (await ReconcileOneAsync(spec, InstanceMapper.ToVirt(spec, requireFlavor: false), onHypervisor.Contains(id), cancellationToken).ConfigureAwait(false))
                {
                    changed++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.ReconcileInstanceFailed(e, spec.InstanceName);
                failed++;
            }
        }

        foreach (var stranger in onHypervisor.Where(id => !known.Contains(id)))
        {
            logger.UnknownHypervisorInstance(stranger);
        }

        logger.ReconcileFinished(changed, failed);
        return new ReconcileResult(changed, failed, onHypervisor.Count(id => !known.Contains(id)));
    }

    private async Task<bool> ReconcileOneAsync(InstanceSpec spec, VirtInstance instance, bool onHypervisor, CancellationToken cancellationToken)
    {
        var task = spec.TaskState ?? "";
        var vm = spec.VmState ?? "";
        if (vm == VmState.Deleted || task == TaskState.Deleting)
        {
            logger.DeleteResumed(instance.InstanceName);
            await runner.RunHeldAsync(terminate, new TerminateInstance { Instance = spec }, redelivered: false, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (task == TaskState.Spawning)
        {
            return await ReconcileInterruptedBuildAsync(instance, onHypervisor, cancellationToken).ConfigureAwait(false);
        }

        if (RescueRecovery.Applies(spec) && await rescues.RecoverAsync(spec, instance, onHypervisor, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (vm is VmState.Error or VmState.SoftDeleted || (vm == VmState.Building && PreSpawnTaskStates.Contains(task)))
        {
            logger.InstanceLeftAlone(instance.InstanceName, vm, task);
            return false;
        }

        DriverPowerState? power = onHypervisor
            ? await driver.GetPowerStateAsync(instance, cancellationToken).ConfigureAwait(false)
            : null;
        if (ClearedTaskStates.Contains(task) || PowerTaskStates.Contains(task) || PauseSuspendTaskStates.Contains(task))
        {
            logger.TaskStateCleared(instance.InstanceName, task);
            var reported = ClearedTaskStates.Contains(task) ? (DriverPowerState?)null : power ?? DriverPowerState.NoState;
            var vmState = PauseSuspendTaskStates.Contains(task) ? VmStateOf(power) : null;
            await conductor.InstanceUpdateAsync(ReconcileReports.ClearTask(instance.InstanceId, _host, task, reported, vmState), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (task.Length > 0)
        {
            logger.InstanceLeftAlone(instance.InstanceName, vm, task);
            return false;
        }

        return await SyncPowerStateAsync(spec, instance, power, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ReconcileInterruptedBuildAsync(VirtInstance instance, bool onHypervisor, CancellationToken cancellationToken)
    {
        if (onHypervisor && await driver.GetPowerStateAsync(instance, cancellationToken).ConfigureAwait(false) == DriverPowerState.Running)
        {
            logger.InterruptedBuildCompleted(instance.InstanceName);
            await build.ReportActiveAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false);
            return true;
        }

        logger.InterruptedBuildReleased(instance.InstanceName, TaskState.Spawning, onHypervisor);
        if (onHypervisor)
        {
            await build.DestroyQuietlyAsync(instance, logger, cancellationToken).ConfigureAwait(false);
        }

        interruptedBuilds.Add(instance.InstanceId);
        var fault = new InstanceFault
        {
            Code = (int)FaultCode.InternalError,
            Message = $"Build interrupted by a restart of compute host {_host}.",
            Details = "compute restart",
            Host = _host,
        };
        await conductor.BuildFailedAsync(
            new BuildFailed { InstanceId = instance.InstanceId.ToString("D"), Host = _host, Fault = fault, Retryable = true },
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> SyncPowerStateAsync(InstanceSpec spec, VirtInstance instance, DriverPowerState? power, CancellationToken cancellationToken)
    {
        if (power is not { } actual)
        {
            if (spec.PowerState == (int)DriverPowerState.NoState)
            {
                return false;
            }

            logger.InstanceMissingOnHypervisor(instance.InstanceName, spec.VmState);
            await conductor.InstanceUpdateAsync(ReconcileReports.Power(instance.InstanceId, _host, "", DriverPowerState.NoState), cancellationToken).ConfigureAwait(false);
            return true;
        }

        var stopped = spec.VmState == VmState.Active && actual is DriverPowerState.Shutdown or DriverPowerState.Crashed;
        if ((int)actual == spec.PowerState && !stopped)
        {
            return false;
        }

        logger.PowerStateSynced(instance.InstanceName, actual.ToString(), spec.PowerState);
        var update = ReconcileReports.Power(instance.InstanceId, _host, "", actual, stopped ? VmState.Stopped : null);
        await conductor.InstanceUpdateAsync(update, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string? VmStateOf(DriverPowerState? power) => power switch
    {
        DriverPowerState.Running => VmState.Active,
        DriverPowerState.Paused => VmState.Paused,
        DriverPowerState.Suspended => VmState.Suspended,
        _ => null,
    };
}
