using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;

namespace ControlPlane.Api.Compute.Power;

/// <summary>
/// Nova's <c>check_instance_lock</c>, <c>check_instance_host</c> and <c>check_instance_state</c> for stop,
/// start and reboot, with Nova's 409 messages ("Cannot 'stop' instance &lt;id&gt; while it is in vm_state stopped").
/// vm_state is checked before task_state, as Nova does.
/// </summary>
public static class PowerStateChecks
{
    /// <summary>vm_states a soft reboot is allowed in (Nova's ALLOW_SOFT_REBOOT).</summary>
    public static readonly IReadOnlyList<string> SoftRebootVmStates = [VmState.Active];

    /// <summary>vm_states a hard reboot is allowed in (Nova's ALLOW_HARD_REBOOT).</summary>
    public static readonly IReadOnlyList<string> HardRebootVmStates = [VmState.Active, VmState.Stopped, "paused", "suspended", VmState.Error];

    /// <summary>Task states a hard reboot may interrupt (Nova's ALLOW_REBOOT; null = none).</summary>
    public static readonly IReadOnlyList<string?> HardRebootTaskStates =
        [null, TaskState.Rebooting, "reboot_pending", "reboot_started", "resuming", TaskState.RebootingHard, "unpausing", "pausing", "suspending"];

    /// <summary>Stop: unlocked (or admin), on a host, vm_state active or error, no task.</summary>
    public static void EnsureCanStop(InstanceRecord instance, bool admin)
    {
        Common(instance, admin);
        Check("stop", instance, [VmState.Active, VmState.Error], [null]);
    }

    /// <summary>Start: unlocked (or admin), on a host, vm_state stopped, no task.</summary>
    public static void EnsureCanStart(InstanceRecord instance, bool admin)
    {
        Common(instance, admin);
        Check("start", instance, [VmState.Stopped], [null]);
    }

    /// <summary>Reboot: the outer check of Nova's <c>reboot</c>, then <c>_soft_reboot</c>'s or <c>_hard_reboot</c>'s.
    /// Returns the task states the compare-and-set may expect.</summary>
    public static IReadOnlyList<string?> EnsureCanReboot(InstanceRecord instance, bool admin, bool hard)
    {
        Common(instance, admin);
        Check("reboot", instance, HardRebootVmStates, HardRebootTaskStates);
        if (hard)
        {
            Check("_hard_reboot", instance, HardRebootVmStates, HardRebootTaskStates);
            return HardRebootTaskStates;
        }
        Check("_soft_reboot", instance, SoftRebootVmStates, [null]);
        return [null];
    }

    /// <summary>The 409 of a state check that failed.</summary>
    public static ConflictException Invalid(string method, Guid id, string attribute, string? state) =>
        new($"Cannot '{method}' instance {id} while it is in {attribute} {state ?? "None"}");

    private static void Common(InstanceRecord instance, bool admin)
    {
        if (instance.Locked && !admin)
        {
            throw new ConflictException($"Instance {instance.Id} is locked");
        }
        if (string.IsNullOrEmpty(instance.Host))
        {
            throw new ConflictException($"Instance {instance.Id} is not ready");
        }
    }

    private static void Check(string method, InstanceRecord instance, IReadOnlyList<string> vmStates, IReadOnlyList<string?> taskStates)
    {
        if (!vmStates.Contains(instance.VmState))
        {
            throw Invalid(method, instance.Id, "vm_state", instance.VmState);
        }
        var task = string.IsNullOrEmpty(instance.TaskState) ? null : instance.TaskState;
        if (!taskStates.Contains(task))
        {
            throw Invalid(method, instance.Id, "task_state", task);
        }
    }
}
