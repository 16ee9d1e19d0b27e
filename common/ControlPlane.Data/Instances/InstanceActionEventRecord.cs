namespace ControlPlane.Data.Instances;

/// <summary>One event of an instance action (e.g. <c>compute_build_and_run_instance</c>).</summary>
public sealed record InstanceActionEventRecord(
    string Event,
    DateTimeOffset StartTime,
    DateTimeOffset? FinishTime,
    string? Result,
    string? Traceback,
    string? Host);
