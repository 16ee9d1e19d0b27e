namespace ControlPlane.Domain.Operations;

/// <summary>
/// The definition of one instance operation (Nova's <c>check_instance_state</c>, <c>check_instance_lock</c>,
/// <c>check_instance_host</c>, <c>instance_actions</c>, <c>wrap_instance_event</c> and the notification name,
/// as data). The api's action runner and the compute's operation runner read everything they need from it;
/// a flow adds a definition and its steps, never another copy of the skeleton.
/// </summary>
public sealed record InstanceOperation
{
    /// <summary>The method name Nova uses in its 409 messages ("Cannot 'stop' instance ..."), e.g. <c>stop</c>, <c>createImage</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The name of this definition's own state check in 409 messages when it differs from <see cref="Name"/>
    /// (Nova's reboot checks as <c>_soft_reboot</c> / <c>_hard_reboot</c> after <see cref="OuterCheck"/>); <c>null</c> = <see cref="Name"/>.
    /// </summary>
    public string? StateCheckName { get; init; }

    /// <summary>
    /// A state check made before this definition's own, under its own name (Nova's <c>reboot</c> checks
    /// ALLOW_HARD_REBOOT / ALLOW_REBOOT before <c>_soft_reboot</c> or <c>_hard_reboot</c> check theirs); <c>null</c> = none.
    /// Only its <see cref="Name"/>, <see cref="AllowedVmStates"/> and <see cref="AllowedTaskStates"/> are read.
    /// </summary>
    public InstanceOperation? OuterCheck { get; init; }

    /// <summary>vm_states the operation may start from; empty = any.</summary>
    public required IReadOnlyList<string> AllowedVmStates { get; init; }

    /// <summary>task_states the operation may start from (<c>null</c> = none); empty = any.</summary>
    public IReadOnlyList<string?> AllowedTaskStates { get; init; } = [null];

    /// <summary>
    /// The task states the operation moves through, in order; the first is the one the api sets with its
    /// compare-and-set (empty: the operation sets no task state, e.g. lock). Each compute report of a later
    /// step expects every earlier one, so a late report loses its compare-and-set instead of going backwards.
    /// </summary>
    public IReadOnlyList<string> TaskStates { get; init; } = [];

    /// <summary>The vm_state the operation ends in on success; <c>null</c> = unchanged.</summary>
    public string? FinalVmState { get; init; }

    /// <summary>The instance action row's name (<c>os-instance-actions</c>); <c>null</c> = no action row.</summary>
    public string? ActionName { get; init; }

    /// <summary>The compute-side instance action event, <c>compute_&lt;method&gt;</c>; <c>null</c> = none.</summary>
    public string? EventName { get; init; }

    /// <summary>The versioned notification prefix; <c>.start</c>, <c>.end</c> and <c>.error</c> are appended. <c>null</c> = none.</summary>
    public string? NotificationPrefix { get; init; }

    /// <summary>The driver feature the instance's host must have; <c>null</c> = every driver can.</summary>
    public DriverFeature? RequiredFeature { get; init; }

    /// <summary>True when a host without <see cref="RequiredFeature"/> is a 409 (Nova's NotImplemented in a
    /// state check); false for a 400.</summary>
    public bool MissingFeatureIsConflict { get; init; } = true;

    /// <summary>False (the default) when a locked instance refuses the operation to non-admins (Nova's <c>check_instance_lock</c>).</summary>
    public bool AllowedWhenLocked { get; init; }

    /// <summary>True (the default) when the instance must be on a host (Nova's <c>check_instance_host</c>).</summary>
    public bool RequiresHost { get; init; } = true;

    /// <summary>True when the operation ends the instance's console (Nova revokes its console tokens on stop, rescue,
    /// unrescue, resize confirm and revert, delete): the api revokes them once the operation is accepted.</summary>
    public bool RevokesConsoles { get; init; }

    /// <summary>The policy rule that authorises the operation, e.g. <c>os_compute_api:servers:stop</c>.</summary>
    public required string Policy { get; init; }

    /// <summary>The task state the api sets (first of <see cref="TaskStates"/>), or <c>null</c> when it sets none.</summary>
    public string? InitialTaskState => TaskStates.Count == 0 ? null : TaskStates[0];

    /// <summary>The task states a report of step <paramref name="taskState"/> expects: every earlier one of <see cref="TaskStates"/>.</summary>
    public IReadOnlyList<string> ExpectedBefore(string taskState)
    {
        var index = IndexOf(taskState);
        if (index < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(taskState), taskState, $"Not a later step of operation {Name}.");
        }
        return [.. TaskStates.Take(index)];
    }

    /// <summary>True when <paramref name="taskState"/> is one of this operation's steps.</summary>
    public bool IsStep(string? taskState) => taskState is not null && IndexOf(taskState) >= 0;

    /// <summary>True when the operation may start from <paramref name="vmState"/>.</summary>
    public bool AllowsVmState(string vmState) => AllowedVmStates.Count == 0 || AllowedVmStates.Contains(vmState);

    /// <summary>True when the operation may start from <paramref name="taskState"/> (empty string and <c>null</c> = none).</summary>
    public bool AllowsTaskState(string? taskState) =>
        AllowedTaskStates.Count == 0 || AllowedTaskStates.Contains(string.IsNullOrEmpty(taskState) ? null : taskState);

    private int IndexOf(string taskState)
    {
        for (var i = 0; i < TaskStates.Count; i++)
        {
            if (TaskStates[i] == taskState)
            {
                return i;
            }
        }
        return -1;
    }
}
