namespace ControlPlane.Data.Instances;

/// <summary>An instance action (create, delete, ...) and, when read one by one, its events.</summary>
public sealed record InstanceActionRecord(
    Guid InstanceId,
    string Action,
    string RequestId,
    string UserId,
    string ProjectId,
    DateTimeOffset StartTime,
    string? Message,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<InstanceActionEventRecord> Events);
