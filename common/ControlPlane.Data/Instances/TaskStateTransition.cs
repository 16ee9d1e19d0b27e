namespace ControlPlane.Data.Instances;

/// <summary>
/// A compare-and-set of an instance's state: applied only when the stored <c>task_state</c> is one
/// of <see cref="ExpectedTaskStates"/> (<c>null</c> in the list means "no task").
/// Columns left <c>null</c> here are not changed, except <see cref="TaskState"/>, which is always
/// written (use <see cref="KeepTaskState"/> to leave it alone).
/// </summary>
public sealed record TaskStateTransition
{
    /// <summary>Task states the instance may be in for the transition to apply.</summary>
    public required IReadOnlyList<string?> ExpectedTaskStates { get; init; }

    /// <summary>The task state to write (<c>null</c> = none).</summary>
    public string? TaskState { get; init; }

    /// <summary>When true the task state column is not written.</summary>
    public bool KeepTaskState { get; init; }

    /// <summary>New vm_state, or <c>null</c> to keep it.</summary>
    public string? VmState { get; init; }

    /// <summary>New power state, or <c>null</c> to keep it.</summary>
    public int? PowerState { get; init; }

    /// <summary>New host, or <c>null</c> to keep it.</summary>
    public string? Host { get; init; }

    /// <summary>Set launched_at to this time, or <c>null</c> to keep it.</summary>
    public DateTimeOffset? LaunchedAt { get; init; }

    /// <summary>New progress (0-100), or <c>null</c> to keep it.</summary>
    public int? Progress { get; init; }

    /// <summary>When true host and node become null (a shelve offload); <see cref="Host"/> must then be null.</summary>
    public bool ClearHost { get; init; }

    /// <summary>System metadata keys to set, or <c>null</c> to set none.</summary>
    public IReadOnlyDictionary<string, string>? SystemMetadata { get; init; }

    /// <summary>System metadata keys to remove (applied after <see cref="SystemMetadata"/>), or <c>null</c>.</summary>
    public IReadOnlyList<string>? SystemMetadataRemoved { get; init; }
}
