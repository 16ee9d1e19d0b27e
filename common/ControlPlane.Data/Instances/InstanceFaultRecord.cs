namespace ControlPlane.Data.Instances;

/// <summary>A recorded instance fault.</summary>
public sealed record InstanceFaultRecord(int Code, string Message, string? Details, DateTimeOffset CreatedAt);
