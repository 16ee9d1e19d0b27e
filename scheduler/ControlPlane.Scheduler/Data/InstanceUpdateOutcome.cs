namespace ControlPlane.Scheduler.Data;

/// <summary>What happened to a state change reported by a compute host.</summary>
public enum InstanceUpdateOutcome
{
    /// <summary>Written.</summary>
    Applied,

    /// <summary>The instance marked deleted (its claim must be released).</summary>
    Deleted,

    /// <summary>The instance does not exist or is already deleted: dropped.</summary>
    Gone,

    /// <summary>The reporting host is not the instance's host (a report from before a reschedule): dropped.</summary>
    WrongHost,

    /// <summary>The stored task_state was not one of the expected ones: dropped (another operation won).</summary>
    UnexpectedTaskState,
}
