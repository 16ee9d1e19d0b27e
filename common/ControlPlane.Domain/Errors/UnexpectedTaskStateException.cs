namespace ControlPlane.Domain.Errors;

/// <summary>
/// A compare-and-set on <c>task_state</c> found a different value than expected: another
/// operation won the race. Surfaces as 409 to API users; compute managers treat it as
/// "someone else owns this instance now" and do not revert the task state.
/// </summary>
public sealed class UnexpectedTaskStateException(string instanceId, string? expected, string? actual)
    : ConflictException($"Instance {instanceId} is in task_state {actual ?? "None"}, expected {expected ?? "None"}.")
{
    /// <summary>The task state the caller expected.</summary>
    public string? Expected { get; } = expected;

    /// <summary>The task state found in the database.</summary>
    public string? Actual { get; } = actual;
}
