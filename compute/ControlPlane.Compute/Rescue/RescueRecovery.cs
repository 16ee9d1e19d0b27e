using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Rescue;

/// <summary>
/// Start-up recovery of a rescue or unrescue cut short by a compute restart (Nova leaves these stuck; reference E.8).
/// The outcome is always consistent: rescued with the rescue VM running and the instance bootlocked, or back to the
/// former state with no rescue VM; never an instance bootlocked without a rescue VM.
/// <list type="bullet">
/// <item>task rescuing: fully rescued on the hypervisor → rescued; otherwise whatever the rescue left is removed and the
/// task cleared (vm_state unchanged: an active instance is powered on again, a stopped one stays off).</item>
/// <item>task unrescuing: the unrescue is finished → active.</item>
/// <item>vm_state rescued without a task but only partly rescued on the hypervisor (the rescue VM is gone) → unrescued,
/// active.</item>
/// </list>
/// </summary>
public sealed class RescueRecovery(IVirtDriver driver, RescueSteps steps, ConductorRpcClient conductor, IOptions<ComputeOptions> options,
    TimeProvider clock, ILogger<RescueRecovery> logger)
{
    private readonly string host = options.Value.Host;

    /// <summary>Whether the instance's state is one this class recovers.</summary>
    public static bool Applies(InstanceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.TaskState is TaskState.Rescuing or TaskState.Unrescuing || (spec.VmState == VmState.Rescued && spec.TaskState.Length == 0);
    }

    /// <summary>Recovers the instance (under its lock, held by the caller); false when there was nothing to do.</summary>
    public async Task<bool> RecoverAsync(InstanceSpec spec, VirtInstance instance, bool onHypervisor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(instance);
        var task = spec.TaskState;
        if (!onHypervisor || driver is not IRescueDriver rescue)
        {
            // Nothing to repair on the hypervisor: a left task is cleared; a rescued instance is for the power sync.
            return task.Length > 0 && await ReportAsync(instance, task, "absent", "task cleared",
                ReconcileReports.ClearTask(instance.InstanceId, host, task, null), cancellationToken).ConfigureAwait(false);
        }

        var state = await rescue.GetRescueStateAsync(instance, cancellationToken).ConfigureAwait(false);
        if (task == TaskState.Rescuing && state == RescueState.Rescued)
        {
            var power = await driver.GetPowerStateAsync(instance, cancellationToken).ConfigureAwait(false);
            var rescued = new OperationReport(InstanceOperations.Rescue, instance.InstanceId, host).Succeeded();
            (rescued.PowerState, rescued.LaunchedAt) = ((int)power, Timestamp.FromDateTimeOffset(clock.GetUtcNow()));
            return await ReportAsync(instance, task, state.ToString(), "rescued", rescued, cancellationToken).ConfigureAwait(false);
        }

        if (task == TaskState.Rescuing)
        {
            var power = await steps.UnrescueAsync(instance, powerOn: spec.VmState == VmState.Active, cancellationToken).ConfigureAwait(false);
            return await ReportAsync(instance, task, state.ToString(), "rolled back, task cleared",
                ReconcileReports.ClearTask(instance.InstanceId, host, task, power), cancellationToken).ConfigureAwait(false);
        }

        if (task.Length == 0 && state == RescueState.Rescued)
        {
            return false;
        }

        var after = await steps.UnrescueAsync(instance, powerOn: true, cancellationToken).ConfigureAwait(false);
        return await ReportAsync(instance, task, state.ToString(), "unrescued, active", Unrescued(instance.InstanceId, host, task, after), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>active/none with <paramref name="power"/>, expecting <paramref name="expectedTaskState"/> (unrescuing, or
    /// none for the rescue timeout and a repaired rescue: then without an action event, as no action was started).</summary>
    public static InstanceUpdate Unrescued(Guid instanceId, string host, string expectedTaskState, DriverPowerState power)
    {
        var update = new OperationReport(InstanceOperations.Unrescue, instanceId, host, [expectedTaskState]).Succeeded();
        update.PowerState = (int)power;
        if (expectedTaskState.Length == 0)
        {
            (update.Event, update.EventResult) = ("", "");
        }

        return update;
    }

    private async Task<bool> ReportAsync(VirtInstance instance, string task, string state, string outcome, InstanceUpdate update, CancellationToken cancellationToken)
    {
        RescueLog.Recovered(logger, instance.InstanceName, task.Length == 0 ? "none" : task, state, outcome);
        await conductor.InstanceUpdateAsync(update, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
